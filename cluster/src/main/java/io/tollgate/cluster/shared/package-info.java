/**
 * A map shared by the cluster with expiry and change events, for data that is not a ledger (the cache):
 * {@link io.tollgate.cluster.shared.SharedEntries}, kept in Hazelcast ({@code HazelcastSharedEntries}) or, for tests
 * and one JVM, in memory ({@code InMemorySharedEntries}).
 */
package io.tollgate.cluster.shared;
