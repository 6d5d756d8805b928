package io.tollgate.config;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * One budget as configured or sent to the management API.
 *
 * @param maxLimitUsd the cap in USD (exact; at most 9 decimal places)
 * @param resetDuration how often it starts again, or {@code never}
 * @param calendarAligned when true, periods start at calendar boundaries (day, Monday, month, quarter, year) in
 *     {@code timezone}; otherwise they start at the first use and run for {@code resetDuration}
 * @param timezone the zone calendar alignment uses (UTC by default)
 * @param mode hard (reserve before the call) or soft (after the fact)
 * @param onLowBudget what a hard budget does when it cannot pay for a non-streaming request's worst case
 */
public record BudgetSpec(BigDecimal maxLimitUsd, ResetDuration resetDuration, boolean calendarAligned,
                         ZoneId timezone, BudgetMode mode, LowBudgetAction onLowBudget) {

    public BudgetSpec {
        Objects.requireNonNull(maxLimitUsd, "maxLimitUsd");
        Objects.requireNonNull(resetDuration, "resetDuration");
        Objects.requireNonNull(timezone, "timezone");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(onLowBudget, "onLowBudget");
        if (maxLimitUsd.signum() < 0) {
            throw new IllegalArgumentException("max_limit must not be negative, was " + maxLimitUsd.toPlainString());
        }
        if (maxLimitUsd.stripTrailingZeros().scale() > 9) {
            throw new IllegalArgumentException("max_limit has more than 9 decimal places, was "
                    + maxLimitUsd.toPlainString());
        }
        if (resetDuration.unit() == ResetDuration.Unit.SECOND) {
            throw new IllegalArgumentException("reset_duration must be 1m or longer for a budget, was " + resetDuration);
        }
    }

    /** A hard, non-aligned UTC budget that rejects when low. */
    public static BudgetSpec of(BigDecimal maxLimitUsd, ResetDuration resetDuration) {
        return new BudgetSpec(maxLimitUsd, resetDuration, false, ZoneOffset.UTC, BudgetMode.HARD,
                LowBudgetAction.REJECT);
    }

    /** The cap in nano-dollars. */
    public long maxLimitNanos() {
        return maxLimitUsd.movePointRight(9).longValueExact();
    }
}
