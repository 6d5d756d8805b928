package io.tollgate.cluster.ledger;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A counter as it stands: for the management API, response headers and error messages.
 *
 * @param counterId its id
 * @param kind budget, requests or tokens
 * @param level where it is attached
 * @param ownerId the customer, team or key (or {@code keyId/provider})
 * @param limit the cap (nano-dollars, requests or tokens)
 * @param used settled usage in the current period (on the grid: spend nodes charged with their lease's last step)
 * @param reserved held by requests in flight (on the grid: including those a node admitted from its lease)
 * @param leased held by nodes' leases beyond their requests in flight, as of each lease's last step: room a node
 *     may still admit locally, not spent or in flight
 * @param resetsAt when the current period ends; empty for a budget that never resets
 * @param hard true for hard budgets and all windows; false for soft budgets
 */
public record CounterView(String counterId, CounterKind kind, Level level, String ownerId, long limit, long used,
                          long reserved, long leased, Optional<Instant> resetsAt, boolean hard) {

    public CounterView {
        Objects.requireNonNull(counterId, "counterId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(resetsAt, "resetsAt");
    }

    /** What is left to admit across the cluster: limit minus used and reserved (leased room included), at least 0. */
    public long remaining() {
        return Math.max(0, limit - used - reserved);
    }
}
