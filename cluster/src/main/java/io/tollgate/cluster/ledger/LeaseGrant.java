package io.tollgate.cluster.ledger;

import java.util.List;

/**
 * The answer to a lease step.
 *
 * @param hold what the lease now holds in each dimension (its requests in flight and its free part)
 * @param live false when the lease is gone (closed, charged in full after it expired, or moved to another account
 *     with its counters): the node must start a new one, with a new id
 * @param tight true when the account is too close to a limit for a free part: admit request by request
 * @param counters the lease's counters after the step
 */
public record LeaseGrant(LeaseAmounts hold, boolean live, boolean tight, List<CounterView> counters) {

    public LeaseGrant {
        counters = List.copyOf(counters);
    }
}
