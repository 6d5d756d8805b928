/**
 * The budget ledger: budgets, rate-limit windows and reservations of one account (a customer, or a team or
 * virtual key without one, with everything below it), changed atomically in one step per request.
 * {@link io.tollgate.cluster.ledger.BudgetLedger} is the interface; {@link io.tollgate.cluster.ledger.AccountState}
 * holds one account and applies the rules (both implementations run it); {@link io.tollgate.cluster.ledger.Periods}
 * places an instant in a budget's period or a window. {@link io.tollgate.cluster.ledger.InMemoryBudgetLedger} keeps
 * accounts in this JVM; the Hazelcast implementation (subpackage {@code hazelcast}) runs each step as an entry
 * processor on the account's owner.
 */
package io.tollgate.cluster.ledger;
