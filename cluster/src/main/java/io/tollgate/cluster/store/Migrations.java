package io.tollgate.cluster.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The versioned schema migrations and their runner. Each script {@code V<n>__<description>.sql} under
 * {@code migration/} (or {@code migration/<dialect>/} when one database needs its own text) runs once, in
 * version order, in a transaction of its own that also records it in {@code tollgate_schema_version}. On
 * PostgreSQL each of those transactions first takes an advisory lock and only then checks the version table, so
 * nodes starting together migrate one after another and the later ones find the work done. H2 commits DDL immediately, so scripts must be safe to run
 * again ({@code IF NOT EXISTS}) in case a process dies between a script and its version row.
 */
final class Migrations {

    /** Every script, oldest first. Append; never edit or renumber a released script. */
    static final List<String> SCRIPTS = List.of("V1__state.sql", "V2__request_log.sql",
            "V3__request_log_attempts.sql", "V4__request_log_lean.sql", "V5__unit_economics.sql",
            "V6__provider_figures.sql", "V7__access.sql", "V8__audit_append_only.sql",
            "V9__log_export.sql", "V10__request_dimensions.sql", "V11__batches.sql",
            "V12__stored_responses.sql");

    private static final Pattern NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");
    private static final String RESOURCES = "migration/";
    private static final String VERSION_TABLE = "CREATE TABLE IF NOT EXISTS tollgate_schema_version ("
            + " version integer NOT NULL PRIMARY KEY,"
            + " description varchar(200) NOT NULL,"
            + " applied_at timestamp with time zone NOT NULL)";

    /** One script: its version, its description and its statements. */
    record Script(int version, String description, List<String> statements) {
    }

    private Migrations() {
    }

    /**
     * Brings the schema up to date.
     *
     * @return the versions applied by this call, empty when the schema was current
     * @throws SQLException when a script fails; its transaction is rolled back
     */
    static List<Integer> apply(DataSource dataSource, Dialect dialect) throws SQLException {
        List<Integer> applied = new ArrayList<>();
        Jdbc.inTransaction(dataSource, connection -> {
            dialect.lockForMigration(connection);
            try (Statement statement = connection.createStatement()) {
                statement.execute(VERSION_TABLE);
            }
            return null;
        });
        for (String name : SCRIPTS) {
            Script script = load(name, dialect);
            try {
                if (Jdbc.inTransaction(dataSource, connection -> applyOnce(connection, dialect, script))) {
                    applied.add(script.version());
                }
            } catch (SQLException e) {
                throw new SQLException("migration " + name + " failed: " + e.getMessage(), e.getSQLState(), e);
            }
        }
        return List.copyOf(applied);
    }

    /** Reads a script, preferring the dialect's own text. */
    static Script load(String name, Dialect dialect) {
        Matcher matcher = NAME.matcher(name);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("migration name must look like V1__description.sql, was '"
                    + name + "'");
        }
        InputStream own = Migrations.class.getResourceAsStream(RESOURCES + dialect.label() + "/" + name);
        InputStream in = own != null ? own : Migrations.class.getResourceAsStream(RESOURCES + name);
        if (in == null) {
            throw new IllegalStateException("migration " + name + " is not on the class path");
        }
        try (in) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Script(Integer.parseInt(matcher.group(1)), matcher.group(2).replace('_', ' '),
                    statements(text));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration " + name, e);
        }
    }

    /**
     * Splits a script into statements: {@code --} comment lines dropped, statements ended by a semicolon at the
     * end of a line (so a semicolon inside a string literal mid-line is safe).
     */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            boolean ends = trimmed.endsWith(";");
            current.append(ends ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append('\n');
            if (ends) {
                statements.add(current.toString().strip());
                current.setLength(0);
            }
        }
        if (!current.isEmpty()) {
            statements.add(current.toString().strip());
        }
        return List.copyOf(statements);
    }

    /** Runs a script and records it, unless an earlier run (perhaps another node's) already did. */
    private static boolean applyOnce(Connection connection, Dialect dialect, Script script) throws SQLException {
        dialect.lockForMigration(connection);
        if (isApplied(connection, script.version())) {
            return false;
        }
        try (Statement statement = connection.createStatement()) {
            for (String sql : script.statements()) {
                statement.execute(sql);
            }
        }
        try (PreparedStatement record = connection.prepareStatement("INSERT INTO tollgate_schema_version"
                + " (version, description, applied_at) VALUES (?, ?, CURRENT_TIMESTAMP)")) {
            record.setInt(1, script.version());
            record.setString(2, script.description());
            record.executeUpdate();
        }
        return true;
    }

    private static boolean isApplied(Connection connection, int version) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM tollgate_schema_version WHERE version = ?")) {
            query.setInt(1, version);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }
}
