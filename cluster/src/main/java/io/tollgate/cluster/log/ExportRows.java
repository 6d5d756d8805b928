package io.tollgate.cluster.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The request log read in store order, {@code (stored_at, request_id, logged_at)} (index {@code request_log_stored},
 * migration V9): planning a range and streaming its rows. Each row-value bound comes with a plain bound on
 * {@code stored_at}, which both databases use for an index range.
 */
final class ExportRows {

    /** Rows read per chunk, each chunk's attempts by one more query. */
    static final int CHUNK = 500;
    private static final String ORDER = " ORDER BY stored_at, request_id, logged_at";
    private static final String AFTER = " AND stored_at >= ? AND (stored_at, request_id, logged_at) > (?, ?, ?)";
    private static final String THROUGH = " AND stored_at <= ? AND (stored_at, request_id, logged_at) <= (?, ?, ?)";

    /**
     * A range to plan.
     *
     * @param last its last row
     * @param rows how many rows it holds
     */
    record Plan(ExportPosition last, int rows) {
    }

    private ExportRows() {
    }

    /** The next range: up to {@code maxRows} rows after {@code after} stored before {@code cutoff}. */
    static Optional<Plan> plan(Connection connection, Optional<ExportPosition> after, Instant cutoff, int maxRows)
            throws SQLException {
        String sql = "SELECT stored_at, request_id, logged_at FROM request_log WHERE stored_at < ?"
                + (after.isPresent() ? AFTER : "") + ORDER + " FETCH FIRST " + maxRows + " ROWS ONLY";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, ExportTable.time(cutoff));
            if (after.isPresent()) {
                bindBound(query, 2, after.get());
            }
            int rows = 0;
            ExportPosition last = null;
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows++;
                    last = new ExportPosition(instant(result, "stored_at"), result.getString("request_id"),
                            instant(result, "logged_at"));
                }
            }
            return rows == 0 ? Optional.empty() : Optional.of(new Plan(last, rows));
        }
    }

    /** Streams the range's rows with their attempts, in store order, chunk by chunk. */
    static void stream(Connection connection, ExportBatch batch, Consumer<LogRecord> sink) throws SQLException {
        String sql = "SELECT " + LogTable.COLUMNS + " FROM request_log WHERE 1 = 1"
                + (batch.after().isPresent() ? AFTER : "") + THROUGH + ORDER;
        // PostgreSQL reads with a fetch size only inside a transaction; read-only, so it is rolled back
        connection.setAutoCommit(false);
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setFetchSize(CHUNK);
            int next = 1;
            if (batch.after().isPresent()) {
                next = bindBound(query, next, batch.after().get());
            }
            bindBound(query, next, batch.last());
            List<LogRecord> chunk = new ArrayList<>(CHUNK);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    chunk.add(LogTable.read(result));
                    if (chunk.size() == CHUNK) {
                        deliver(connection, chunk, sink);
                    }
                }
            }
            deliver(connection, chunk, sink);
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    private static void deliver(Connection connection, List<LogRecord> chunk, Consumer<LogRecord> sink)
            throws SQLException {
        AttemptTable.attach(connection, chunk).forEach(sink);
        chunk.clear();
    }

    /** Binds the plain and the row-value bound of a position; returns the next parameter's index. */
    private static int bindBound(PreparedStatement query, int first, ExportPosition position) throws SQLException {
        query.setObject(first, ExportTable.time(position.storedAt()));
        ExportTable.bind(query, first + 1, position);
        return first + 4;
    }

    private static Instant instant(ResultSet result, String column) throws SQLException {
        return result.getObject(column, OffsetDateTime.class).toInstant();
    }
}
