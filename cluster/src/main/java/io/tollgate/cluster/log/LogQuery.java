package io.tollgate.cluster.log;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which log rows to read: every present filter must match. Rows come newest first (by time, then request id).
 *
 * @param from the first instant included
 * @param to the first instant excluded
 * @param virtualKeyId only this virtual key's rows
 * @param teamId only this team's rows
 * @param customerId only this customer's rows
 * @param provider only this provider's rows
 * @param model only this model's rows
 * @param status only rows with this HTTP status
 * @param cacheStatus only rows with this cache outcome
 * @param minCostNanos only rows that cost at least this
 * @param source only rows of this origin: gateway traffic, or usage ingested from outside the gateway
 * @param limit rows per page, 1 to 1000 (exports ignore it)
 * @param cursor where the page starts: a previous page's {@link LogPage#nextCursor()}
 * @param endUser only this end user's rows
 * @param tag only rows carrying this tag value ({@code name} and {@code value})
 */
public record LogQuery(Optional<Instant> from, Optional<Instant> to, Optional<String> virtualKeyId,
                       Optional<String> teamId, Optional<String> customerId, Optional<String> provider,
                       Optional<String> model, Optional<Integer> status, Optional<String> cacheStatus,
                       Optional<Long> minCostNanos, Optional<Source> source, int limit, Optional<String> cursor,
                       Optional<String> endUser, Optional<Map.Entry<String, String>> tag) {

    /** The page size when none is given. */
    public static final int DEFAULT_LIMIT = 100;
    /** The largest page. */
    public static final int MAX_LIMIT = 1000;

    public LogQuery {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(virtualKeyId, "virtualKeyId");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(cacheStatus, "cacheStatus");
        Objects.requireNonNull(minCostNanos, "minCostNanos");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(cursor, "cursor");
        Objects.requireNonNull(endUser, "endUser");
        Objects.requireNonNull(tag, "tag");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        cursor.ifPresent(LogCursor::decode);
    }

    /** A builder with no filters, {@value #DEFAULT_LIMIT} rows per page. */
    public static Builder builder() {
        return new Builder();
    }

    /** The same query from another cursor. */
    public LogQuery withCursor(Optional<String> next) {
        return new LogQuery(from, to, virtualKeyId, teamId, customerId, provider, model, status, cacheStatus,
                minCostNanos, source, limit, next, endUser, tag);
    }

    /** Where a row's usage came from. */
    public enum Source {
        /** Requests the gateway served. */
        GATEWAY,
        /** Usage ingested from outside the gateway (route {@value LogRecord#INGEST_ROUTE}). */
        INGEST
    }

    /** Builds a {@link LogQuery}; not thread-safe. */
    public static final class Builder {
        private Optional<Instant> from = Optional.empty();
        private Optional<Instant> to = Optional.empty();
        private Optional<String> virtualKeyId = Optional.empty();
        private Optional<String> teamId = Optional.empty();
        private Optional<String> customerId = Optional.empty();
        private Optional<String> provider = Optional.empty();
        private Optional<String> model = Optional.empty();
        private Optional<Integer> status = Optional.empty();
        private Optional<String> cacheStatus = Optional.empty();
        private Optional<Long> minCostNanos = Optional.empty();
        private Optional<Source> source = Optional.empty();
        private int limit = DEFAULT_LIMIT;
        private Optional<String> cursor = Optional.empty();
        private Optional<String> endUser = Optional.empty();
        private Optional<Map.Entry<String, String>> tag = Optional.empty();

        private Builder() {
        }

        /** Rows at or after this instant. */
        public Builder from(Instant value) {
            from = Optional.of(value);
            return this;
        }

        /** Rows before this instant. */
        public Builder to(Instant value) {
            to = Optional.of(value);
            return this;
        }

        /** One virtual key's rows. */
        public Builder virtualKeyId(String value) {
            virtualKeyId = Optional.of(value);
            return this;
        }

        /** One team's rows. */
        public Builder teamId(String value) {
            teamId = Optional.of(value);
            return this;
        }

        /** One customer's rows. */
        public Builder customerId(String value) {
            customerId = Optional.of(value);
            return this;
        }

        /** One provider's rows. */
        public Builder provider(String value) {
            provider = Optional.of(value);
            return this;
        }

        /** One model's rows. */
        public Builder model(String value) {
            model = Optional.of(value);
            return this;
        }

        /** Rows with this HTTP status. */
        public Builder status(int value) {
            status = Optional.of(value);
            return this;
        }

        /** Rows with this cache outcome. */
        public Builder cacheStatus(String value) {
            cacheStatus = Optional.of(value);
            return this;
        }

        /** Rows that cost at least this many nano-dollars. */
        public Builder minCostNanos(long value) {
            minCostNanos = Optional.of(value);
            return this;
        }

        /** Rows of this origin. */
        public Builder source(Source value) {
            source = Optional.of(value);
            return this;
        }

        /** Rows per page. */
        public Builder limit(int value) {
            limit = value;
            return this;
        }

        /** Only this end user's rows. */
        public Builder endUser(String value) {
            endUser = Optional.of(value);
            return this;
        }

        /** Only rows carrying this value of this tag. */
        public Builder tag(String name, String value) {
            tag = Optional.of(Map.entry(name, value));
            return this;
        }

        /** Start after the row a previous page's cursor names. */
        public Builder cursor(String value) {
            cursor = Optional.of(value);
            return this;
        }

        /**
         * The query.
         *
         * @throws IllegalArgumentException when the limit is out of range or the cursor is not one a page issued
         */
        public LogQuery build() {
            return new LogQuery(from, to, virtualKeyId, teamId, customerId, provider, model, status, cacheStatus,
                    minCostNanos, source, limit, cursor, endUser, tag);
        }
    }
}
