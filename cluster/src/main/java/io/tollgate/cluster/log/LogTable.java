package io.tollgate.cluster.log;

import io.tollgate.cluster.store.StoreException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** The {@code request_log} table's columns (format 1): binding a record to them and reading one back. */
final class LogTable {

    /** The row layout written by this code. */
    static final int FORMAT = 1;
    /** Every column, in binding order. */
    static final String COLUMNS = "request_id, logged_at, format, node, virtual_key_id, team_id, customer_id, route,"
            + " provider, model, key_name, status, error_type, attempts, fallback_index, streamed, cache_status,"
            + " cache_similarity, input_tokens, cached_input_tokens, cache_write_tokens, reasoning_tokens,"
            + " output_tokens, cost_nanos, saved_nanos, latency_micros, ttft_micros, upstream_micros, overhead_micros,"
            + " request_body, response_body, tags, end_user";
    private static final String PARAMETERS = "?" + ", ?".repeat(32);

    private LogTable() {
    }

    /**
     * The insert of one row. {@link LogBatch} leaves out rows already stored before it inserts, in the same
     * transaction and from the node's one writer thread, so H2 takes a plain insert (a {@code MERGE} would look
     * every key up a second time); PostgreSQL, shared by the cluster's nodes, also ignores a conflicting row.
     */
    static String insert(String dialect) {
        if (dialect.equals("postgresql")) {
            return "INSERT INTO request_log (" + COLUMNS + ") VALUES (" + PARAMETERS + ")"
                    + " ON CONFLICT (logged_at, request_id) DO NOTHING";
        }
        return "INSERT INTO request_log (" + COLUMNS + ") VALUES (" + PARAMETERS + ")";
    }

    /** Binds a record to the parameters of {@link #insert}. */
    static void bind(PreparedStatement statement, LogRecord row) throws SQLException {
        int i = 0;
        statement.setString(++i, row.requestId());
        statement.setObject(++i, OffsetDateTime.ofInstant(row.time(), ZoneOffset.UTC));
        statement.setInt(++i, FORMAT);
        statement.setString(++i, row.node());
        text(statement, ++i, row.virtualKeyId());
        text(statement, ++i, row.teamId());
        text(statement, ++i, row.customerId());
        statement.setString(++i, row.route());
        text(statement, ++i, row.provider());
        text(statement, ++i, row.model());
        text(statement, ++i, row.keyName());
        statement.setInt(++i, row.status());
        text(statement, ++i, row.errorType());
        statement.setInt(++i, row.attempts());
        statement.setInt(++i, row.fallbackIndex());
        statement.setBoolean(++i, row.streamed());
        statement.setString(++i, row.cacheStatus());
        statement.setDouble(++i, row.cacheSimilarity());
        statement.setLong(++i, row.inputTokens());
        statement.setLong(++i, row.cachedInputTokens());
        statement.setLong(++i, row.cacheWriteTokens());
        statement.setLong(++i, row.reasoningTokens());
        statement.setLong(++i, row.outputTokens());
        statement.setLong(++i, row.costNanos());
        statement.setLong(++i, row.savedNanos());
        statement.setLong(++i, row.latencyMicros());
        if (row.timeToFirstTokenMicros().isPresent()) {
            statement.setLong(++i, row.timeToFirstTokenMicros().get());
        } else {
            statement.setNull(++i, Types.BIGINT);
        }
        statement.setLong(++i, row.upstreamMicros());
        statement.setLong(++i, row.overheadMicros());
        text(statement, ++i, row.requestBody());
        text(statement, ++i, row.responseBody());
        text(statement, ++i, LogDimensions.text(row.dimensions().tags()));
        text(statement, ++i, row.dimensions().endUser());
    }

    /** The record in the current row of a {@code SELECT} of {@link #COLUMNS}. */
    static LogRecord read(ResultSet rows) throws SQLException {
        int format = rows.getInt("format");
        if (format != FORMAT) {
            throw new StoreException("request_log row '" + rows.getString("request_id") + "' has format " + format
                    + ", this node reads format " + FORMAT);
        }
        long ttft = rows.getLong("ttft_micros");
        Optional<Long> timeToFirstToken = rows.wasNull() ? Optional.empty() : Optional.of(ttft);
        return new LogRecord(rows.getString("request_id"),
                rows.getObject("logged_at", OffsetDateTime.class).toInstant(), rows.getString("node"),
                text(rows, "virtual_key_id"), text(rows, "team_id"), text(rows, "customer_id"),
                rows.getString("route"), text(rows, "provider"), text(rows, "model"), text(rows, "key_name"),
                rows.getInt("status"), text(rows, "error_type"), rows.getInt("attempts"),
                rows.getInt("fallback_index"), rows.getBoolean("streamed"), rows.getString("cache_status"),
                rows.getDouble("cache_similarity"), rows.getLong("input_tokens"), rows.getLong("cached_input_tokens"),
                rows.getLong("cache_write_tokens"), rows.getLong("reasoning_tokens"), rows.getLong("output_tokens"),
                rows.getLong("cost_nanos"), rows.getLong("saved_nanos"), rows.getLong("latency_micros"),
                timeToFirstToken, rows.getLong("upstream_micros"), rows.getLong("overhead_micros"),
                text(rows, "request_body"), text(rows, "response_body"))
                .withDimensions(new LogDimensions(LogDimensions.parse(text(rows, "tags")), text(rows, "end_user")));
    }

    private static void text(PreparedStatement statement, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            statement.setString(index, value.get());
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }

    private static Optional<String> text(ResultSet rows, String column) throws SQLException {
        return Optional.ofNullable(rows.getString(column));
    }
}
