package io.tollgate.cluster.access;

import io.tollgate.cluster.store.StateStore;
import io.tollgate.cluster.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The append-only audit log in the state store's database (table {@code audit_log}, migration V7). This class only
 * inserts and reads; on PostgreSQL a trigger also refuses every {@code UPDATE} and {@code DELETE} of its rows, so
 * not even a bug in the gateway could rewrite history. Appends are synchronous: a change is answered only after its
 * row is stored. Thread-safe.
 */
public final class AuditLog {

    private static final String COLUMNS = "at, actor_id, actor_role, actor_name, client_address, node, action,"
            + " entity_type, entity_id, before_json, after_json";

    private final DataSource dataSource;

    private AuditLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The log in the store's database (already migrated by {@link StateStore#open}). */
    public static AuditLog create(StateStore store) {
        return new AuditLog(Objects.requireNonNull(store, "store").dataSource());
    }

    /**
     * Appends a row ({@code entry}'s id is ignored).
     *
     * @return the stored row, with its id
     */
    public AuditEntry append(AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_log (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setObject(1, OffsetDateTime.ofInstant(entry.at(), ZoneOffset.UTC));
            insert.setString(2, entry.actorId());
            insert.setString(3, entry.actorRole());
            insert.setString(4, entry.actorName());
            insert.setString(5, entry.clientAddress());
            insert.setString(6, entry.node());
            insert.setString(7, entry.action());
            insert.setString(8, entry.entityType());
            insert.setString(9, entry.entityId());
            insert.setString(10, entry.before().orElse(null));
            insert.setString(11, entry.after().orElse(null));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the database returned no id for the audit row");
                }
                return new AuditEntry(keys.getLong(1), entry.at(), entry.actorId(), entry.actorRole(),
                        entry.actorName(), entry.clientAddress(), entry.node(), entry.action(), entry.entityType(),
                        entry.entityId(), entry.before(), entry.after());
            }
        } catch (SQLException e) {
            throw new StoreException("writing the audit log failed: " + e.getMessage(), e);
        }
    }

    /** One page of rows, newest first. */
    public List<AuditEntry> query(AuditQuery query) {
        List<AuditEntry> rows = new ArrayList<>();
        read(query, true, rows::add);
        return List.copyOf(rows);
    }

    /** Every row the query matches (its limit ignored), oldest first, one at a time: for exports. */
    public void export(AuditQuery query, Consumer<AuditEntry> sink) {
        read(query, false, sink);
    }

    /** The newest row of an action on an entity, if any. */
    public Optional<AuditEntry> latest(String action, String entityType, String entityId) {
        return query(new AuditQuery(Optional.of(entityType), Optional.of(entityId), Optional.empty(),
                Optional.of(action), Optional.empty(), Optional.empty(), Optional.empty(), 1)).stream().findFirst();
    }

    private void read(AuditQuery query, boolean page, Consumer<AuditEntry> sink) {
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        query.entityType().ifPresent(v -> add(conditions, parameters, "entity_type = ?", v));
        query.entityId().ifPresent(v -> add(conditions, parameters, "entity_id = ?", v));
        query.actorId().ifPresent(v -> add(conditions, parameters, "actor_id = ?", v));
        query.action().ifPresent(v -> add(conditions, parameters, "action = ?", v));
        query.from().ifPresent(v -> add(conditions, parameters, "at >= ?", OffsetDateTime.ofInstant(v,
                ZoneOffset.UTC)));
        query.to().ifPresent(v -> add(conditions, parameters, "at < ?", OffsetDateTime.ofInstant(v, ZoneOffset.UTC)));
        query.beforeId().ifPresent(v -> add(conditions, parameters, "id < ?", v));
        String sql = "SELECT id, " + COLUMNS + " FROM audit_log"
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + (page ? " ORDER BY id DESC LIMIT " + query.limit() : " ORDER BY id");
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            // PostgreSQL streams with a fetch size only inside a transaction
            connection.setAutoCommit(page);
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setFetchSize(500);
                for (int i = 0; i < parameters.size(); i++) {
                    select.setObject(i + 1, parameters.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        sink.accept(read(rows));
                    }
                }
            } finally {
                if (!page) {
                    connection.rollback();
                }
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException("reading the audit log failed: " + e.getMessage(), e);
        }
    }

    private static void add(List<String> conditions, List<Object> parameters, String condition, Object value) {
        conditions.add(condition);
        parameters.add(value);
    }

    private static AuditEntry read(ResultSet rows) throws SQLException {
        return new AuditEntry(rows.getLong("id"), rows.getObject("at", OffsetDateTime.class).toInstant(),
                rows.getString("actor_id"), rows.getString("actor_role"), rows.getString("actor_name"),
                rows.getString("client_address"), rows.getString("node"), rows.getString("action"),
                rows.getString("entity_type"), rows.getString("entity_id"),
                Optional.ofNullable(rows.getString("before_json")), Optional.ofNullable(rows.getString("after_json")));
    }
}
