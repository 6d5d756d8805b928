package io.tollgate.cluster.revenue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

/**
 * One customer's or team's margin in a month. Money in nano-dollars.
 *
 * @param ownerId the customer's or team's id
 * @param name its name (its id when it was deleted)
 * @param planRevenueNanos what its plan (and, for a customer, its teams' plans) bills for the month's usage
 * @param eventRevenueNanos the revenue events posted for it (for a customer, also those posted for its teams)
 * @param costNanos what its requests cost (gateway traffic and ingested usage)
 * @param requests its logged requests
 * @param billableTokens the tokens its plan's per-token price bills
 */
public record MarginRow(String ownerId, String name, long planRevenueNanos, long eventRevenueNanos, long costNanos,
                        long requests, long billableTokens) {

    public MarginRow {
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(name, "name");
    }

    /** Plan and event revenue. */
    public long revenueNanos() {
        return Math.addExact(planRevenueNanos, eventRevenueNanos);
    }

    /** Revenue minus cost. */
    public long marginNanos() {
        return Math.subtractExact(revenueNanos(), costNanos);
    }

    /** The margin as a percentage of revenue, two decimals half-even; empty without revenue. */
    public Optional<BigDecimal> marginPercent() {
        long revenue = revenueNanos();
        if (revenue == 0) {
            return Optional.empty();
        }
        return Optional.of(BigDecimal.valueOf(marginNanos()).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(revenue), 2, RoundingMode.HALF_EVEN));
    }
}
