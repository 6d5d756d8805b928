package io.tollgate.cluster.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** What differs between the two databases: the upsert statement and how concurrent migrations are serialized. */
enum Dialect {

    H2("h2", "MERGE INTO tollgate_state (map_name, entry_key, entry_value, format, updated_at)"
            + " KEY (map_name, entry_key) VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)"),

    POSTGRESQL("postgresql", "INSERT INTO tollgate_state (map_name, entry_key, entry_value, format, updated_at)"
            + " VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)"
            + " ON CONFLICT (map_name, entry_key) DO UPDATE SET entry_value = EXCLUDED.entry_value,"
            + " format = EXCLUDED.format, updated_at = EXCLUDED.updated_at");

    /** The advisory lock every PostgreSQL migration transaction takes: one migrating node at a time. */
    private static final long MIGRATION_LOCK = 0x546f6c6c67617465L; // "Tollgate"

    private final String label;
    private final String upsertState;

    Dialect(String label, String upsertState) {
        this.label = label;
        this.upsertState = upsertState;
    }

    /** The dialect of a JDBC URL: PostgreSQL for {@code jdbc:postgresql:}, H2 otherwise. */
    static Dialect of(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:") ? POSTGRESQL : H2;
    }

    String label() {
        return label;
    }

    /** Insert-or-replace of one state row; parameters map name, key, value, format. */
    String upsertState() {
        return upsertState;
    }

    /**
     * Serializes migrations across processes for the rest of the caller's transaction. PostgreSQL takes a
     * transaction-scoped advisory lock, released at commit or rollback; H2 is opened by one process only (its
     * file lock refuses a second one), so there is nothing to take.
     */
    void lockForMigration(Connection connection) throws SQLException {
        if (this == POSTGRESQL) {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, MIGRATION_LOCK);
                lock.execute();
            }
        }
    }
}
