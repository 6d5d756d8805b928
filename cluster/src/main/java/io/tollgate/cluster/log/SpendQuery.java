package io.tollgate.cluster.log;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Spend totals over a time range, grouped.
 *
 * @param groupBy what the rows are grouped by
 * @param daily when true, each group is also split by the UTC date of its requests (spend over time per provider,
 *     model, team ...); rows then come ordered by group and date
 * @param from the first instant included; empty for the beginning
 * @param to the first instant excluded; empty for now and later
 * @param customerId only this customer's requests (a token scoped to a customer sees no others)
 * @param teamId only this team's requests
 */
public record SpendQuery(GroupBy groupBy, boolean daily, Optional<Instant> from, Optional<Instant> to,
                         Optional<String> customerId, Optional<String> teamId) {

    public SpendQuery {
        Objects.requireNonNull(groupBy, "groupBy");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(teamId, "teamId");
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new IllegalArgumentException("from must be before to, were " + from.get() + " and " + to.get());
        }
    }

    /** Every owner's requests. */
    public SpendQuery(GroupBy groupBy, boolean daily, Optional<Instant> from, Optional<Instant> to) {
        this(groupBy, daily, from, to, Optional.empty(), Optional.empty());
    }

    /** Totals per group, not split by day. */
    public SpendQuery(GroupBy groupBy, Optional<Instant> from, Optional<Instant> to) {
        this(groupBy, false, from, to);
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
        DAY,
        /** Where the usage came from: {@code gateway} or {@code ingest}. */
        SOURCE
    }
}
