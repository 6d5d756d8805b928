/**
 * Provider key health shared by the cluster: a key that answered 429 cools down, a key that answered 401/403 is dead,
 * on every node at once. Reads are local (no grid call on the request path); changes reach every member before they
 * return. {@link io.tollgate.cluster.health.KeyHealth} is the interface; latency and error scores stay per node (see
 * the balancer in the node module).
 */
package io.tollgate.cluster.health;
