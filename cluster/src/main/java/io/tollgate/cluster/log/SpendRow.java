package io.tollgate.cluster.log;

import java.util.Objects;

/**
 * The totals of one group of a {@link SpendQuery}.
 *
 * @param group the group's value: an id, a provider, a model or a UTC date ({@code 2026-11-29}); empty for rows
 *     without one (for example no team)
 * @param day the UTC date of the group's requests ({@code 2026-11-29}) when the query was {@link SpendQuery#daily()};
 *     empty otherwise
 * @param requests rows in the group
 * @param inputTokens the sum of their uncached input tokens
 * @param outputTokens the sum of their output tokens
 * @param costNanos the sum of their cost, in nano-dollars
 * @param savedNanos the sum of what the cache saved them, in nano-dollars
 * @param errors rows answered with a status of 400 or more
 * @param cacheHits rows answered from the response cache (exact or semantic)
 */
public record SpendRow(String group, String day, long requests, long inputTokens, long outputTokens, long costNanos,
                       long savedNanos, long errors, long cacheHits) {

    public SpendRow {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(day, "day");
    }
}
