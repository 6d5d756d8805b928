package io.tollgate.cluster.log;

import io.tollgate.cluster.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The {@code log_export} table (migration V9, format 1): one row per sink. Every change of the cursor or the plan
 * is a compare-and-set on {@code revision}; the lease columns change apart from it, so a lease taken or renewed
 * never fails a commit.
 */
final class ExportTable {

    /** The row layout written by this code. */
    static final int FORMAT = 1;
    private static final String COLUMNS = "revision, format, cursor_stored_at, cursor_request_id, cursor_logged_at,"
            + " pending_stored_at, pending_request_id, pending_logged_at, pending_rows, lease_owner, lease_until,"
            + " exported_rows, exported_objects, last_object, updated_at";

    private final String sink;

    ExportTable(String sink) {
        this.sink = sink;
    }

    /** The database's time now: the one clock every node shares. */
    static Instant now(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT CURRENT_TIMESTAMP");
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getObject(1, OffsetDateTime.class).toInstant();
        }
    }

    /** The sink's state, after creating its row when missing (two nodes creating it at once is harmless). */
    ExportState read(Connection connection) throws SQLException {
        Optional<ExportState> state = find(connection);
        if (state.isPresent()) {
            return state.get();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO log_export (sink, format, revision,"
                + " exported_rows, exported_objects, updated_at) VALUES (?, ?, 0, 0, 0, ?)")) {
            insert.setString(1, sink);
            insert.setInt(2, FORMAT);
            insert.setObject(3, time(now(connection)));
            insert.executeUpdate();
        } catch (SQLException e) {
            if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                throw e;
            }
            // another node created it first
        }
        return find(connection).orElseThrow(() -> new StoreException("log_export row of '" + sink
                + "' vanished as it was created"));
    }

    boolean lease(Connection connection, String owner, Instant now, Instant until) throws SQLException {
        read(connection);
        try (PreparedStatement update = connection.prepareStatement("UPDATE log_export SET lease_owner = ?,"
                + " lease_until = ? WHERE sink = ? AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < ?)")) {
            update.setString(1, owner);
            update.setObject(2, time(until));
            update.setString(3, sink);
            update.setString(4, owner);
            update.setObject(5, time(now));
            return update.executeUpdate() == 1;
        }
    }

    void release(Connection connection, String owner) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE log_export SET lease_owner = NULL,"
                + " lease_until = NULL WHERE sink = ? AND lease_owner = ?")) {
            update.setString(1, sink);
            update.setString(2, owner);
            update.executeUpdate();
        }
    }

    /** Records a range as the one to write, if the state is still at {@code revision} with nothing pending. */
    boolean plan(Connection connection, long revision, ExportPosition last, int rows, Instant now)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE log_export SET pending_stored_at = ?,"
                + " pending_request_id = ?, pending_logged_at = ?, pending_rows = ?, revision = revision + 1,"
                + " updated_at = ? WHERE sink = ? AND revision = ? AND pending_stored_at IS NULL")) {
            bind(update, 1, last);
            update.setInt(4, rows);
            update.setObject(5, time(now));
            update.setString(6, sink);
            update.setLong(7, revision);
            return update.executeUpdate() == 1;
        }
    }

    /** Moves the cursor to the pending range's end, if the state is still at the range's revision. */
    boolean commit(Connection connection, ExportBatch batch, int rows, int objects, String lastObject, Instant now)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE log_export SET cursor_stored_at = ?,"
                + " cursor_request_id = ?, cursor_logged_at = ?, pending_stored_at = NULL, pending_request_id = NULL,"
                + " pending_logged_at = NULL, pending_rows = NULL, exported_rows = exported_rows + ?,"
                + " exported_objects = exported_objects + ?, last_object = ?, revision = revision + 1,"
                + " updated_at = ? WHERE sink = ? AND revision = ? AND pending_stored_at IS NOT NULL")) {
            bind(update, 1, batch.last());
            update.setLong(4, rows);
            update.setLong(5, objects);
            update.setString(6, lastObject);
            update.setObject(7, time(now));
            update.setString(8, sink);
            update.setLong(9, batch.revision());
            return update.executeUpdate() == 1;
        }
    }

    private Optional<ExportState> find(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM log_export WHERE sink = ?")) {
            query.setString(1, sink);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(state(rows)) : Optional.empty();
            }
        }
    }

    private ExportState state(ResultSet rows) throws SQLException {
        int format = rows.getInt("format");
        if (format != FORMAT) {
            throw new StoreException("log_export row of '" + sink + "' has format " + format + ", this node reads"
                    + " format " + FORMAT);
        }
        long revision = rows.getLong("revision");
        Optional<ExportPosition> cursor = position(rows, "cursor_");
        Optional<ExportBatch> pending = position(rows, "pending_").map(last -> {
            try {
                return new ExportBatch(sink, revision, cursor, last, rows.getInt("pending_rows"));
            } catch (SQLException e) {
                throw new StoreException("reading the export state of '" + sink + "' failed: " + e.getMessage(), e);
            }
        });
        return new ExportState(sink, revision, cursor, pending, rows.getLong("exported_rows"),
                rows.getLong("exported_objects"), Optional.ofNullable(rows.getString("last_object")),
                Optional.ofNullable(rows.getString("lease_owner")), instant(rows, "lease_until"),
                instant(rows, "updated_at"));
    }

    private static Optional<ExportPosition> position(ResultSet rows, String prefix) throws SQLException {
        Optional<Instant> storedAt = instant(rows, prefix + "stored_at");
        if (storedAt.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ExportPosition(storedAt.get(), rows.getString(prefix + "request_id"),
                instant(rows, prefix + "logged_at").orElseThrow()));
    }

    /** Binds a position to three parameters from {@code first} on: store time, request id, request time. */
    static void bind(PreparedStatement statement, int first, ExportPosition position) throws SQLException {
        statement.setObject(first, time(position.storedAt()));
        statement.setString(first + 1, position.requestId());
        statement.setObject(first + 2, time(position.loggedAt()));
    }

    private static Optional<Instant> instant(ResultSet rows, String column) throws SQLException {
        return Optional.ofNullable(rows.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
