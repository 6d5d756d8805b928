package io.tollgate.node.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A schema of its own, with a random name, in the local PostgreSQL test database (127.0.0.1:5432, trust auth,
 * database {@code test}, user {@code postgres} or {@code root}), dropped with everything in it on {@link #close()}.
 * When no server answers, {@link #create} fails saying how to start one: a silent skip would hide a broken setup.
 */
public final class PostgresSchema implements AutoCloseable {

    /** The test database. */
    public static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final List<String> USERS = List.of("postgres", "root");

    private final String user;
    private final String name;

    private PostgresSchema(String user, String name) {
        this.user = user;
        this.name = name;
    }

    /** Creates a schema named {@code prefix} and 16 random hex digits, as the first user the server accepts. */
    public static PostgresSchema create(String prefix) {
        List<String> failures = new ArrayList<>();
        for (String user : USERS) {
            String name = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            try (Connection connection = DriverManager.getConnection(SERVER + "?connectTimeout=3", user, "");
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA " + name);
                return new PostgresSchema(user, name);
            } catch (SQLException e) {
                failures.add(user + ": " + e.getMessage());
            }
        }
        throw new IllegalStateException("these tests need PostgreSQL at " + SERVER + " (trust auth, database 'test',"
                + " user postgres or root); none answered: " + failures + ". Start one, for example 'pg_ctlcluster 15"
                + " main start', or 'docker run -d -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust -e POSTGRES_DB=test"
                + " postgres:15'.");
    }

    /** The schema's name. */
    public String name() {
        return name;
    }

    /** The database user the schema was created as (trust auth: no password is checked). */
    public String user() {
        return user;
    }

    /** The JDBC URL that puts this schema first on the search path. */
    public String url() {
        return SERVER + "?currentSchema=" + name;
    }

    /** The node configuration's {@code store} section for this schema, one line of YAML. */
    public String storeYaml() {
        return "store: { url: \"" + url() + "\", user: " + user + " }";
    }

    /** A new connection with this schema on its search path; the caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user, "");
    }

    /** Runs one statement on a connection of its own (DDL, or a change the test makes behind the node's back). */
    public void execute(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("'" + sql + "' failed: " + e.getMessage(), e);
        }
    }

    /** Drops the schema and everything in it. */
    @Override
    public void close() {
        execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }
}
