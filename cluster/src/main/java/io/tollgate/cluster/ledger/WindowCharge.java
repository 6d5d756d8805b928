package io.tollgate.cluster.ledger;

import io.tollgate.config.ResetDuration;
import java.util.Objects;

/**
 * A rate-limit window on a request's path. Windows are fixed and calendar-aligned in UTC (see
 * {@link Periods#window}): {@code 1m} windows start at every minute, {@code 1h} at every hour, {@code 1d} at UTC
 * midnight, weeks on Monday, months on the 1st.
 *
 * @param counterId the window's stable id (for example {@code vk:vk_123:requests})
 * @param kind {@link CounterKind#REQUESTS} or {@link CounterKind#TOKENS}
 * @param level where the limit is attached
 * @param ownerId the id of the key (or {@code keyId/provider})
 * @param limit requests or tokens per window, at least 1
 * @param window the window's length
 */
public record WindowCharge(String counterId, CounterKind kind, Level level, String ownerId, long limit,
                           ResetDuration window) {

    public WindowCharge {
        Objects.requireNonNull(counterId, "counterId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(window, "window");
        if (kind == CounterKind.BUDGET) {
            throw new IllegalArgumentException("a window counts requests or tokens, not " + kind);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("window limit must be at least 1, was " + limit);
        }
        if (window.never()) {
            throw new IllegalArgumentException("a rate-limit window needs a duration, was never");
        }
    }
}
