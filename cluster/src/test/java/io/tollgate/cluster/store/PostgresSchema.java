package io.tollgate.cluster.store;

import io.tollgate.config.StoreConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A schema of its own with a random name in the local PostgreSQL test database, dropped (cascade) on close. When
 * PostgreSQL cannot be reached the test fails, with a message saying how to start it: CI starts it, so a silent
 * skip would hide a broken setup.
 */
public final class PostgresSchema implements AutoCloseable {

    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final List<String> USERS = List.of("postgres", "root");

    private final String user;
    private final String name;

    private PostgresSchema(String user, String name) {
        this.user = user;
        this.name = name;
    }

    /** Creates a fresh schema as the first user the server accepts. */
    public static PostgresSchema create() {
        List<String> failures = new ArrayList<>();
        for (String user : USERS) {
            try (Connection connection = DriverManager.getConnection(SERVER + "?connectTimeout=3", user, "")) {
                String name = "t_" + UUID.randomUUID().toString().replace("-", "");
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE SCHEMA " + name);
                }
                return new PostgresSchema(user, name);
            } catch (SQLException e) {
                failures.add(user + ": " + e.getMessage());
            }
        }
        throw new IllegalStateException("PostgreSQL tests need a server at " + SERVER + " (trust auth, database"
                + " 'test', user postgres or root); none answered: " + failures + ". Start one, for example"
                + " 'pg_ctlcluster 15 main start' (then 'createdb -h 127.0.0.1 -U postgres test'), or 'docker run -d"
                + " -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust -e POSTGRES_DB=test postgres:15'.");
    }

    /** The JDBC URL that puts this schema first on the search path. */
    public String url() {
        return SERVER + "?currentSchema=" + name;
    }

    /** A store configuration for this schema. */
    public StoreConfig config() {
        return new StoreConfig(Optional.of(url()), Optional.of(user), Optional.empty(), Path.of("unused"));
    }

    /**
     * One schema for a whole test class: {@code @RegisterExtension static final PostgresSchema.PerClass SCHEMA =
     * new PostgresSchema.PerClass();} creates it before the first test and drops it after the last.
     */
    static final class PerClass implements BeforeAllCallback, AfterAllCallback {

        private PostgresSchema schema;

        @Override
        public void beforeAll(ExtensionContext context) {
            schema = create();
        }

        @Override
        public void afterAll(ExtensionContext context) throws SQLException {
            if (schema != null) {
                schema.close();
            }
        }

        StoreConfig config() {
            return schema.config();
        }
    }

    /**
     * A fresh schema per test, for store contracts whose {@code freshDatabase()} is called before each test:
     * {@link #config()} creates one, {@link #drop()} drops it (nothing when none was created).
     */
    public static final class PerTest {

        private PostgresSchema schema;

        /** Creates a schema and answers its store configuration. */
        public StoreConfig config() {
            schema = create();
            return schema.config();
        }

        /** Drops the schema made by the last {@link #config()}. */
        public void drop() {
            if (schema != null) {
                try {
                    schema.close();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER, user, "");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }
}
