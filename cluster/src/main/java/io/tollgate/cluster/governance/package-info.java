/**
 * Governance definitions: customers, teams and virtual keys with their budgets, rate limits and provider
 * configs. {@link io.tollgate.cluster.governance.GovernanceRegistry} is the interface the management API writes
 * through and the request path reads from (locally, without a grid round trip);
 * {@link io.tollgate.cluster.governance.HazelcastGovernanceRegistry} keeps the definitions in grid maps and a
 * copy on every node. A {@link io.tollgate.cluster.governance.Path} is what one request of one key on one provider
 * is governed by. Key values are stored only as SHA-256 hashes ({@link io.tollgate.cluster.governance.KeyValues}).
 */
package io.tollgate.cluster.governance;
