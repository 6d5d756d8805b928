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
 * @param tagName the tag whose values group the rows, with {@link GroupBy#TAG}
 */
public record SpendQuery(GroupBy groupBy, boolean daily, Optional<Instant> from, Optional<Instant> to,
                         Optional<String> customerId, Optional<String> teamId, Optional<String> tagName) {

    /** What a tag name looks like (as {@code governance.tags} declares them). */
    private static final java.util.regex.Pattern TAG_NAME = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    public SpendQuery {
        Objects.requireNonNull(groupBy, "groupBy");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(tagName, "tagName");
        if ((groupBy == GroupBy.TAG) != tagName.isPresent()) {
            throw new IllegalArgumentException("a tag name goes with grouping by tag, and only with it");
        }
        tagName.filter(name -> !TAG_NAME.matcher(name).matches()).ifPresent(name -> {
            throw new IllegalArgumentException("tag name '" + name + "' must be lower-case letters, digits, '_' or "
                    + "'-'");
        });
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new IllegalArgumentException("from must be before to, were " + from.get() + " and " + to.get());
        }
    }

    /** Every owner's requests. */
    public SpendQuery(GroupBy groupBy, boolean daily, Optional<Instant> from, Optional<Instant> to) {
        this(groupBy, daily, from, to, Optional.empty(), Optional.empty(), Optional.empty());
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
        SOURCE,
        /** The end user ({@code ''} for requests that named none). */
        END_USER,
        /** The value of one tag ({@code ''} for requests without it). */
        TAG
    }
}
