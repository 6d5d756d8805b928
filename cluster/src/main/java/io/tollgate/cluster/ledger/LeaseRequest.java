package io.tollgate.cluster.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One step of a node's lease on an account (see {@link BudgetLedger#lease}): it charges what the node spent since
 * its last step, then resizes what the lease holds.
 *
 * @param accountId the account (the hierarchy's root)
 * @param leaseId the lease's id, unique per node and path; a new lease starts with its first step
 * @param seq the step's number, increasing; a step whose number was already applied changes nothing (a retry)
 * @param now the caller's clock reading
 * @param budgets every budget of the path; the lease holds nano-dollars on all of them, hard and soft
 * @param windows every rate-limit window of the path
 * @param spent what the node's requests used since the last step: their settled cost and tokens, and the requests
 *     it admitted (a request counts at admission)
 * @param keep what the lease must go on holding: what the node's requests in flight hold, or (a step that must not
 *     shrink the lease while the node goes on admitting from it) everything it holds after the charge
 * @param inFlight what the node's requests in flight hold (at most {@code keep}); the rest of the hold is reported as
 *     leased, not reserved
 * @param need one request's worst case, to size the free part of the lease; zero closes the lease down to
 *     {@code keep}
 * @param wanted how many worst cases the free part should cover (the node's recent rate over a few flushes)
 * @param members how many nodes may lease on the account (the cluster's size)
 * @param ttl after this long without a step the lease is charged in full and dropped (its node is presumed dead)
 */
public record LeaseRequest(String accountId, String leaseId, long seq, Instant now, List<BudgetCharge> budgets,
                           List<WindowCharge> windows, LeaseAmounts spent, LeaseAmounts keep, LeaseAmounts inFlight,
                           LeaseAmounts need, long wanted, int members, Duration ttl) {

    public LeaseRequest {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(leaseId, "leaseId");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(spent, "spent");
        Objects.requireNonNull(keep, "keep");
        Objects.requireNonNull(inFlight, "inFlight");
        Objects.requireNonNull(need, "need");
        Objects.requireNonNull(ttl, "ttl");
        budgets = List.copyOf(budgets);
        windows = List.copyOf(windows);
        if (wanted < 1) {
            throw new IllegalArgumentException("wanted must be at least 1, was " + wanted);
        }
        if (members < 1) {
            throw new IllegalArgumentException("members must be at least 1, was " + members);
        }
        if (ttl.toMillis() < 1) {
            throw new IllegalArgumentException("lease TTL must be at least 1 ms, was " + ttl);
        }
    }

    /** The same step as the last of a lease moved to another account: charge the spend and hold nothing more. */
    public LeaseRequest closing() {
        return new LeaseRequest(accountId, leaseId, seq, now, budgets, windows, spent, LeaseAmounts.ZERO,
                LeaseAmounts.ZERO, LeaseAmounts.ZERO, 1, members, ttl);
    }
}
