/**
 * The per-provider key balancer: which provider key serves a request. One
 * {@link io.tollgate.node.balance.KeyBalancer} per provider chooses among the keys that serve the model, are allowed,
 * are usable in the cluster's shared {@link io.tollgate.cluster.health.KeyHealth}, have a closed (or probing) circuit
 * and room in their own per-minute limits; each use of a key is an {@link io.tollgate.node.balance.Attempt} that
 * reports how it ended. Latency, error and in-flight scores are kept per node (see the node README, "Balancing").
 */
package io.tollgate.node.balance;
