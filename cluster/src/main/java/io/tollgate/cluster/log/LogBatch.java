package io.tollgate.cluster.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes one batch of records, request rows and their attempt rows, in one transaction: all of it lands or none.
 * A record whose request row is already stored (a batch retried after a commit the driver did not see, or a
 * request offered twice) is skipped whole, so neither its row nor its attempts are written again. The key is the
 * one the request table's insert conflicts on: the request id on H2, the time and request id on PostgreSQL.
 */
final class LogBatch {

    private final String dialect;
    private final String insertRequest;
    private final String insertAttempt;

    LogBatch(String dialect) {
        this.dialect = dialect;
        this.insertRequest = LogTable.insert(dialect);
        this.insertAttempt = AttemptTable.insert(dialect);
    }

    /** Writes the records not stored yet (each already cut to the content settings) and commits. */
    void write(Connection connection, List<LogRecord> records) throws SQLException {
        inTransaction(connection, () -> {
            List<LogRecord> fresh = fresh(connection, records);
            try (PreparedStatement requests = connection.prepareStatement(insertRequest);
                    PreparedStatement attempts = connection.prepareStatement(insertAttempt)) {
                boolean anyAttempt = false;
                for (LogRecord row : fresh) {
                    LogTable.bind(requests, row);
                    requests.addBatch();
                    for (AttemptRecord attempt : row.attemptLog()) {
                        AttemptTable.bind(attempts, row, attempt);
                        attempts.addBatch();
                        anyAttempt = true;
                    }
                }
                if (!fresh.isEmpty()) {
                    requests.executeBatch();
                }
                if (anyAttempt) {
                    attempts.executeBatch();
                }
            }
        });
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    static void inTransaction(Connection connection, SqlWork work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            work.run();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** Statements to run in one transaction. */
    @FunctionalInterface
    interface SqlWork {
        void run() throws SQLException;
    }

    /** The records whose key is neither stored nor taken by an earlier record of the batch. */
    private List<LogRecord> fresh(Connection connection, List<LogRecord> records) throws SQLException {
        if (records.isEmpty()) {
            return records;
        }
        boolean byTime = dialect.equals("postgresql");
        Set<String> taken = stored(connection, records, byTime);
        List<LogRecord> fresh = new ArrayList<>(records.size());
        for (LogRecord row : records) {
            if (taken.add(key(row.requestId(), row.time(), byTime))) {
                fresh.add(row);
            }
        }
        return fresh;
    }

    private static Set<String> stored(Connection connection, List<LogRecord> records, boolean byTime)
            throws SQLException {
        Set<String> ids = new HashSet<>();
        records.forEach(row -> ids.add(row.requestId()));
        String sql = "SELECT request_id, logged_at FROM request_log WHERE request_id IN (?"
                + ", ?".repeat(ids.size() - 1) + ")";
        if (byTime) {
            sql += " AND logged_at >= ? AND logged_at <= ?";
        }
        Set<String> stored = new HashSet<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            int i = 0;
            for (String id : ids) {
                query.setString(++i, id);
            }
            if (byTime) {
                query.setObject(++i, time(records.stream().map(LogRecord::time).min(Instant::compareTo).orElseThrow()));
                query.setObject(++i, time(records.stream().map(LogRecord::time).max(Instant::compareTo).orElseThrow()));
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    stored.add(key(rows.getString("request_id"),
                            rows.getObject("logged_at", OffsetDateTime.class).toInstant(), byTime));
                }
            }
        }
        return stored;
    }

    private static String key(String requestId, Instant time, boolean byTime) {
        return byTime ? time + " " + requestId : requestId;
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
