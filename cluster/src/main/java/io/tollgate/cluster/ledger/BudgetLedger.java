package io.tollgate.cluster.ledger;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The budgets, rate-limit windows and reservations of every account. Each method is one atomic step on one
 * account (the hierarchy's root), so an admission sees and changes all levels at once: if any level cannot
 * cover the request, nothing is reserved anywhere. Thread-safe.
 *
 * <p>Protocol: {@link #admit} before the upstream call; {@link #extend} while a stream outgrows its
 * reservation; exactly one {@link #settle} on every path (success, error, cancel), with the actual cost, or 0
 * when nothing was produced. Settling is idempotent per request id. A reservation not settled within its TTL is
 * released by {@link #reclaimExpired}.
 *
 * <p>All methods throw {@link LedgerUnavailableException} when the state cannot be reached or persisted.
 */
public interface BudgetLedger {

    /** Checks every budget and window on the path and reserves the worst case on all of them, or on none. */
    Admission admit(AdmissionRequest request);

    /**
     * Reserves more for a request in flight (a stream that outgrew its allowance), on the hard budgets and token
     * windows it was admitted on, all or nothing.
     *
     * @return admitted with the new totals, or rejected naming the budget that cannot pay
     */
    Admission extend(String accountId, String requestId, long moreNanos, long moreTokens, Instant now);

    /**
     * Charges the actual cost and tokens to every counter the request was admitted on and releases its
     * reservation. Idempotent: settling a request id again changes nothing. A request whose reservation was
     * already reclaimed is still charged (the spend happened).
     *
     * @return the counters after the change
     */
    List<CounterView> settle(String accountId, String requestId, long costNanos, long tokens, Instant now);

    /**
     * One step of a node's lease on an account: charges what the node spent against the lease since its last step
     * and resizes what the lease holds (see {@link LeaseRequest}). A lease is a reservation like a request's, so every
     * limit stays exact; a lease not renewed within its TTL is charged everything it held.
     */
    LeaseGrant lease(LeaseRequest request);

    /** Every counter of an account, rolled to {@code now}. */
    List<CounterView> counters(String accountId, Instant now);

    /** Every counter of every account, rolled to {@code now} (management listing; not for the hot path). */
    List<CounterView> allCounters(Instant now);

    /** Sets the usage of these counters to zero in their current period; reservations stay. */
    void reset(String accountId, Collection<String> counterIds, Instant now);

    /** Moves counters (usage, period, reservations that touch only them) to another account. */
    void move(String fromAccountId, String toAccountId, Collection<String> counterIds, Instant now);

    /** Forgets counters (their owner was deleted). */
    void remove(String accountId, Collection<String> counterIds);

    /** Releases every reservation whose TTL has passed; returns how many. */
    int reclaimExpired(Instant now);
}
