package io.tollgate.cluster.log;

import io.tollgate.cluster.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code request_log_attempts} table (format 1): one row per upstream call, keyed by request id and
 * attempt, carrying its request's time ({@code logged_at}) so that it is partitioned (PostgreSQL) and expires
 * (both databases) with its request row. Created by the store's migration V3.
 */
final class AttemptTable {

    /** The table's name. */
    static final String NAME = "request_log_attempts";
    /** The row layout written by this code. */
    static final int FORMAT = 1;
    private static final String COLUMNS = "request_id, attempt, logged_at, format, fallback_index, started_at,"
            + " provider, model, key_name, status, error_type, upstream_micros";
    private static final String PARAMETERS = "?" + ", ?".repeat(11);

    private AttemptTable() {
    }

    /** The insert of one attempt, of a request {@link LogBatch} found not stored yet (see {@link LogTable#insert}). */
    static String insert(String dialect) {
        if (dialect.equals("postgresql")) {
            return "INSERT INTO " + NAME + " (" + COLUMNS + ") VALUES (" + PARAMETERS + ")"
                    + " ON CONFLICT (logged_at, request_id, attempt) DO NOTHING";
        }
        return "INSERT INTO " + NAME + " (" + COLUMNS + ") VALUES (" + PARAMETERS + ")";
    }

    /** Binds one attempt of {@code row} to the parameters of {@link #insert}. */
    static void bind(PreparedStatement statement, LogRecord row, AttemptRecord attempt) throws SQLException {
        int i = 0;
        statement.setString(++i, row.requestId());
        statement.setInt(++i, attempt.attempt());
        statement.setObject(++i, time(row.time()));
        statement.setInt(++i, FORMAT);
        statement.setInt(++i, attempt.fallbackIndex());
        statement.setObject(++i, time(attempt.started()));
        statement.setString(++i, attempt.provider());
        statement.setString(++i, attempt.model());
        statement.setString(++i, attempt.keyName());
        statement.setInt(++i, attempt.status());
        if (attempt.errorType().isPresent()) {
            statement.setString(++i, attempt.errorType().get());
        } else {
            statement.setNull(++i, Types.VARCHAR);
        }
        statement.setLong(++i, attempt.upstreamMicros());
    }

    /**
     * The rows with their attempts filled in, by one query (bounded by the rows' times, so PostgreSQL reads only
     * their partitions).
     */
    static List<LogRecord> attach(Connection connection, List<LogRecord> rows) throws SQLException {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<String, List<AttemptRecord>> byRequest = read(connection, rows);
        List<LogRecord> filled = new ArrayList<>(rows.size());
        for (LogRecord row : rows) {
            List<AttemptRecord> attempts = byRequest.getOrDefault(row.requestId(), List.of());
            filled.add(attempts.isEmpty() ? row : row.withAttemptLog(attempts));
        }
        return filled;
    }

    private static Map<String, List<AttemptRecord>> read(Connection connection, Collection<LogRecord> rows)
            throws SQLException {
        Instant first = rows.stream().map(LogRecord::time).min(Instant::compareTo).orElseThrow();
        Instant last = rows.stream().map(LogRecord::time).max(Instant::compareTo).orElseThrow();
        Map<String, Instant> times = new HashMap<>();
        rows.forEach(row -> times.put(row.requestId(), row.time()));
        String sql = "SELECT " + COLUMNS + " FROM " + NAME + " WHERE logged_at >= ? AND logged_at <= ?"
                + " AND request_id IN (?" + ", ?".repeat(times.size() - 1) + ") ORDER BY request_id, attempt";
        Map<String, List<AttemptRecord>> byRequest = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            int i = 0;
            query.setObject(++i, time(first));
            query.setObject(++i, time(last));
            for (String id : times.keySet()) {
                query.setString(++i, id);
            }
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    String id = result.getString("request_id");
                    Instant at = result.getObject("logged_at", OffsetDateTime.class).toInstant();
                    if (at.equals(times.get(id))) {
                        byRequest.computeIfAbsent(id, key -> new ArrayList<>()).add(attempt(result));
                    }
                }
            }
        }
        return byRequest;
    }

    private static AttemptRecord attempt(ResultSet rows) throws SQLException {
        int format = rows.getInt("format");
        if (format != FORMAT) {
            throw new StoreException(NAME + " row '" + rows.getString("request_id") + "' attempt "
                    + rows.getInt("attempt") + " has format " + format + ", this node reads format " + FORMAT);
        }
        return new AttemptRecord(rows.getInt("attempt"), rows.getInt("fallback_index"),
                rows.getObject("started_at", OffsetDateTime.class).toInstant(), rows.getString("provider"),
                rows.getString("model"), rows.getString("key_name"), rows.getInt("status"),
                Optional.ofNullable(rows.getString("error_type")), rows.getLong("upstream_micros"));
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
