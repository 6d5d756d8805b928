package io.tollgate.cluster.log;

import io.tollgate.cluster.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The read side of the log: filtered pages, single requests, streamed exports (each with their attempts, read by
 * one more query per page or chunk) and grouped spend (request rows only), in SQL both databases speak.
 */
final class LogReader {

    private static final int EXPORT_FETCH = 500;

    private final DataSource dataSource;

    LogReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    LogPage page(LogQuery query) {
        List<LogRecord> rows = new ArrayList<>();
        Filter filter = Filter.of(query);
        String sql = "SELECT " + LogTable.COLUMNS + " FROM request_log" + filter.where()
                + " ORDER BY logged_at DESC, request_id DESC FETCH FIRST " + (query.limit() + 1) + " ROWS ONLY";
        boolean more;
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                filter.bind(statement);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        rows.add(LogTable.read(result));
                    }
                }
            }
            more = rows.size() > query.limit();
            rows = AttemptTable.attach(connection, more ? rows.subList(0, query.limit()) : rows);
        } catch (SQLException e) {
            throw new StoreException("reading the request log failed: " + e.getMessage(), e);
        }
        return new LogPage(rows, more ? Optional.of(LogCursor.after(rows.getLast())) : Optional.empty());
    }

    Optional<LogRecord> find(String requestId) {
        String sql = "SELECT " + LogTable.COLUMNS + " FROM request_log WHERE request_id = ?"
                + " ORDER BY logged_at DESC FETCH FIRST 1 ROWS ONLY";
        try (Connection connection = dataSource.getConnection()) {
            List<LogRecord> rows = new ArrayList<>(1);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, requestId);
                try (ResultSet result = statement.executeQuery()) {
                    if (result.next()) {
                        rows.add(LogTable.read(result));
                    }
                }
            }
            return AttemptTable.attach(connection, rows).stream().findFirst();
        } catch (SQLException e) {
            throw new StoreException("reading request " + requestId + " from the request log failed: "
                    + e.getMessage(), e);
        }
    }

    /** Streams the rows in chunks of {@value #EXPORT_FETCH}, each chunk's attempts read by one more query. */
    void export(LogQuery query, Consumer<LogRecord> sink) {
        Filter filter = Filter.of(query);
        String sql = "SELECT " + LogTable.COLUMNS + " FROM request_log" + filter.where()
                + " ORDER BY logged_at DESC, request_id DESC";
        try (Connection connection = dataSource.getConnection()) {
            // PostgreSQL fetches in chunks only inside a transaction; read-only, so nothing to commit
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(EXPORT_FETCH);
                filter.bind(statement);
                List<LogRecord> chunk = new ArrayList<>(EXPORT_FETCH);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        chunk.add(LogTable.read(result));
                        if (chunk.size() == EXPORT_FETCH) {
                            AttemptTable.attach(connection, chunk).forEach(sink);
                            chunk.clear();
                        }
                    }
                }
                AttemptTable.attach(connection, chunk).forEach(sink);
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("exporting the request log failed: " + e.getMessage(), e);
        }
    }

    List<SpendRow> spend(SpendQuery query) {
        String date = "CAST((logged_at AT TIME ZONE 'UTC') AS DATE)";
        String group = switch (query.groupBy()) {
            case CUSTOMER -> "COALESCE(customer_id, '')";
            case TEAM -> "COALESCE(team_id, '')";
            case VIRTUAL_KEY -> "COALESCE(virtual_key_id, '')";
            case PROVIDER -> "COALESCE(provider, '')";
            case MODEL -> "COALESCE(model, '')";
            case DAY -> date;
            case SOURCE -> "CASE WHEN route = '" + LogRecord.INGEST_ROUTE + "' THEN 'ingest' ELSE 'gateway' END";
            case END_USER -> "COALESCE(end_user, '')";
            case TAG -> tagValue(query.tagName().orElseThrow());
        };
        boolean daily = query.daily() && query.groupBy() != SpendQuery.GroupBy.DAY;
        String groups = daily ? group + ", " + date : group;
        Filter filter = new Filter(query.from(), query.to());
        query.customerId().ifPresent(value -> filter.add("customer_id = ?", value));
        query.teamId().ifPresent(value -> filter.add("team_id = ?", value));
        String sql = "SELECT " + group + " AS spend_group" + (daily ? ", " + date + " AS spend_day" : "")
                + ", COUNT(*) AS requests, SUM(input_tokens) AS input_tokens,"
                + " SUM(output_tokens) AS output_tokens, SUM(cost_nanos) AS cost_nanos, SUM(saved_nanos) AS saved_nanos,"
                + " SUM(CASE WHEN status >= 400 THEN 1 ELSE 0 END) AS errors,"
                + " SUM(CASE WHEN cache_status LIKE 'hit%' THEN 1 ELSE 0 END) AS cache_hits"
                + " FROM request_log" + filter.where() + " GROUP BY " + groups + " ORDER BY spend_group"
                + (daily ? ", spend_day" : "");
        List<SpendRow> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            filter.bind(statement);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    String name = query.groupBy() == SpendQuery.GroupBy.DAY
                            ? result.getObject("spend_group", LocalDate.class).toString()
                            : result.getString("spend_group");
                    if (query.groupBy() == SpendQuery.GroupBy.TAG && !name.isEmpty()) {
                        name = LogDimensions.parse(Optional.of(";x=" + name + ";")).get("x");
                    }
                    LocalDate day = daily ? result.getObject("spend_day", LocalDate.class) : null;
                    String dayText = day != null ? day.toString()
                            : query.daily() && query.groupBy() == SpendQuery.GroupBy.DAY ? name : "";
                    rows.add(new SpendRow(name, dayText, result.getLong("requests"), result.getLong("input_tokens"),
                            result.getLong("output_tokens"), result.getLong("cost_nanos"),
                            result.getLong("saved_nanos"), result.getLong("errors"), result.getLong("cache_hits")));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("summing spend from the request log failed: " + e.getMessage(), e);
        }
        return List.copyOf(rows);
    }

    /**
     * The SQL of a tag's stored value in a row (still percent-encoded), or {@code ''} when the row lacks the tag:
     * standard {@code POSITION} and {@code SUBSTRING}, which both databases speak. The name is checked against
     * {@link SpendQuery}'s pattern, so it is safe to inline.
     */
    private static String tagValue(String name) {
        String marker = "';" + name + "='";
        String tags = "COALESCE(tags, '')";
        String start = "POSITION(" + marker + " IN " + tags + ") + " + (name.length() + 2);
        return "CASE WHEN POSITION(" + marker + " IN " + tags + ") = 0 THEN '' ELSE SUBSTRING(" + tags + " FROM "
                + start + " FOR POSITION(';' IN SUBSTRING(" + tags + " FROM " + start + ")) - 1) END";
    }

    /** A {@code WHERE} clause and its parameters, in order. */
    private static final class Filter {
        private final List<String> conditions = new ArrayList<>();
        private final List<Object> parameters = new ArrayList<>();

        Filter(Optional<Instant> from, Optional<Instant> to) {
            from.ifPresent(value -> add("logged_at >= ?", time(value)));
            to.ifPresent(value -> add("logged_at < ?", time(value)));
        }

        static Filter of(LogQuery query) {
            Filter filter = new Filter(query.from(), query.to());
            query.virtualKeyId().ifPresent(value -> filter.add("virtual_key_id = ?", value));
            query.teamId().ifPresent(value -> filter.add("team_id = ?", value));
            query.customerId().ifPresent(value -> filter.add("customer_id = ?", value));
            query.provider().ifPresent(value -> filter.add("provider = ?", value));
            query.model().ifPresent(value -> filter.add("model = ?", value));
            query.status().ifPresent(value -> filter.add("status = ?", value));
            query.cacheStatus().ifPresent(value -> filter.add("cache_status = ?", value));
            query.minCostNanos().ifPresent(value -> filter.add("cost_nanos >= ?", value));
            query.endUser().ifPresent(value -> filter.add("end_user = ?", value));
            query.tag().ifPresent(tag -> filter.add("POSITION(? IN COALESCE(tags, '')) > 0",
                    LogDimensions.pair(tag.getKey(), tag.getValue())));
            query.source().ifPresent(value -> filter.add(value == LogQuery.Source.INGEST ? "route = ?" : "route <> ?",
                    LogRecord.INGEST_ROUTE));
            query.cursor().map(LogCursor::decode).ifPresent(cursor -> {
                OffsetDateTime at = time(cursor.time());
                filter.conditions.add("(logged_at < ? OR (logged_at = ? AND request_id < ?))");
                filter.parameters.add(at);
                filter.parameters.add(at);
                filter.parameters.add(cursor.requestId());
            });
            return filter;
        }

        private void add(String condition, Object parameter) {
            conditions.add(condition);
            parameters.add(parameter);
        }

        String where() {
            return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        }

        void bind(PreparedStatement statement) throws SQLException {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
        }

        private static OffsetDateTime time(Instant instant) {
            return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
        }
    }
}
