/**
 * The ledger on the grid: {@link io.tollgate.cluster.ledger.hazelcast.HazelcastBudgetLedger} keeps one
 * {@link io.tollgate.cluster.ledger.AccountState} per account in a Hazelcast map and runs every step as an entry
 * processor on the member owning the account. Every command and reply is {@code IdentifiedDataSerializable} with a
 * fixed type id ({@link io.tollgate.cluster.ledger.hazelcast.LedgerGridTypes}); nothing travels with Java
 * serialization.
 */
package io.tollgate.cluster.ledger.hazelcast;
