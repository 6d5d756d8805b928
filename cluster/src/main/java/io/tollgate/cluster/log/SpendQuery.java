package io.tollgate.cluster.log;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Spend totals over a time range, grouped.
 *
 * @param groupBy what the rows are grouped by
 * @param from the first instant included; empty for the beginning
 * @param to the first instant excluded; empty for now and later
 */
public record SpendQuery(GroupBy groupBy, Optional<Instant> from, Optional<Instant> to) {

    public SpendQuery {
        Objects.requireNonNull(groupBy, "groupBy");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new IllegalArgumentException("from must be before to, were " + from.get() + " and " + to.get());
        }
    }

    /** What spend is grouped by. */
    public enum GroupBy {
        /** The customer id. */
        CUSTOMER,
        /** The team id. */
        TEAM,
        /** The virtual key id. */
        VIRTUAL_KEY,
        /** The provider. */
        PROVIDER,
        /** The model. */
        MODEL,
        /** The UTC date of the request. */
        DAY
    }
}
