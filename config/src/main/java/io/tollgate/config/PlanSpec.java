package io.tollgate.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

/**
 * What a customer (or a team) pays: the revenue side of its margin. Amounts are exact USD with at most 9 decimal
 * places; usage beyond the included allowance is billed per request and per token. A month's revenue is
 * {@code monthly_fee + per_request × max(0, requests − included_requests) + per_million_tokens ×
 * max(0, tokens − included_tokens) / 1,000,000}, rounded half-even to the nano-dollar once (see {@link #revenueNanos}).
 *
 * @param monthlyFee the fixed fee per calendar month (UTC)
 * @param perRequest the price of each billable request beyond the allowance
 * @param perMillionTokens the price of a million billable tokens beyond the allowance
 * @param includedRequests requests included in the fee each month
 * @param includedTokens tokens included in the fee each month
 * @param marginAlertBelowPercent when present, an alert fires once a month in which the owner's margin falls below
 *     this percentage of its revenue
 */
public record PlanSpec(BigDecimal monthlyFee, BigDecimal perRequest, BigDecimal perMillionTokens,
                       long includedRequests, long includedTokens, Optional<BigDecimal> marginAlertBelowPercent) {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    public PlanSpec {
        money("monthly_fee", monthlyFee);
        money("per_request", perRequest);
        money("per_million_tokens", perMillionTokens);
        if (includedRequests < 0) {
            throw new IllegalArgumentException("included_requests must not be negative, was " + includedRequests);
        }
        if (includedTokens < 0) {
            throw new IllegalArgumentException("included_tokens must not be negative, was " + includedTokens);
        }
        Objects.requireNonNull(marginAlertBelowPercent, "marginAlertBelowPercent");
        marginAlertBelowPercent.ifPresent(percent -> {
            if (percent.compareTo(BigDecimal.valueOf(-1000)) < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
                throw new IllegalArgumentException("margin_alert_below_percent must be between -1000 and 100, was "
                        + percent.toPlainString());
            }
        });
    }

    /** A plan of a monthly fee alone. */
    public static PlanSpec monthly(BigDecimal monthlyFee) {
        return new PlanSpec(monthlyFee, BigDecimal.ZERO, BigDecimal.ZERO, 0, 0, Optional.empty());
    }

    /**
     * The revenue of one month with this usage, in nano-dollars: the fee plus the usage beyond the allowance,
     * rounded half-even to the nano-dollar once.
     */
    public long revenueNanos(long requests, long tokens) {
        BigDecimal billedRequests = BigDecimal.valueOf(Math.max(0, requests - includedRequests));
        BigDecimal billedTokens = BigDecimal.valueOf(Math.max(0, tokens - includedTokens));
        BigDecimal usd = monthlyFee.add(perRequest.multiply(billedRequests))
                .add(perMillionTokens.multiply(billedTokens).divide(MILLION));
        return usd.movePointRight(9).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    private static void money(String key, BigDecimal value) {
        Objects.requireNonNull(value, key);
        if (value.signum() < 0) {
            throw new IllegalArgumentException(key + " must not be negative, was " + value.toPlainString());
        }
        if (value.stripTrailingZeros().scale() > 9) {
            throw new IllegalArgumentException(key + " has more than 9 decimal places, was " + value.toPlainString());
        }
    }
}
