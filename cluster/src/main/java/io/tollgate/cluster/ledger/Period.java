package io.tollgate.cluster.ledger;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One period of a budget or one rate-limit window: from {@code start} (inclusive) to {@code end} (exclusive), or
 * from {@code start} on forever for a budget that never resets.
 *
 * @param start the first instant of the period
 * @param end the first instant after it; empty for a period without end
 */
public record Period(Instant start, Optional<Instant> end) {

    public Period {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isPresent() && !end.get().isAfter(start)) {
            throw new IllegalArgumentException("period end must be after its start " + start + ", was " + end.get());
        }
    }

    /** True when {@code instant} falls in this period. */
    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && end.map(instant::isBefore).orElse(true);
    }
}
