/**
 * The budget ledger: budgets, rate-limit windows and reservations of one account (a customer, or a team or
 * virtual key without one, with everything below it), changed atomically in one step per request.
 * {@link io.tollgate.cluster.ledger.BudgetLedger} is the interface; the Hazelcast implementation runs each step
 * as an entry processor on the account's owner.
 */
package io.tollgate.cluster.ledger;
