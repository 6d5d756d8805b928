package io.tollgate.cluster.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tollgate.config.Secret;
import io.tollgate.config.StoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The database behind the grid: a HikariCP pool over PostgreSQL or an embedded H2 file, with the schema migrated
 * at {@link #open}. One per process, shared by every {@link JdbcMapStore} and by later modules that add tables of
 * their own through {@link #dataSource()}. Thread-safe.
 *
 * <p>Embedded H2 is opened with {@code WRITE_DELAY=0}: every commit is written to the file before the statement
 * returns, so a killed process loses no committed row (an operating-system crash or power loss may still lose the
 * last commits: H2 does not fsync each one). PostgreSQL's default {@code synchronous_commit=on} flushes the WAL
 * before acknowledging a commit.
 */
public final class StateStore implements AutoCloseable {

    /** The embedded database's file name inside the data directory. */
    static final String H2_FILE = "tollgate";
    private static final String H2_SETTINGS = ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password\\s*=)[^&;]*");
    private static final int MAX_POOL = 8;
    private static final long CONNECTION_TIMEOUT_MS = 3_000;
    private static final int HEALTH_TIMEOUT_SECONDS = 2;

    private final HikariDataSource pool;
    private final Dialect dialect;
    private final String url;

    private StateStore(HikariDataSource pool, Dialect dialect, String url) {
        this.pool = pool;
        this.dialect = dialect;
        this.url = url;
    }

    /**
     * Connects and migrates: PostgreSQL when {@code config.url()} is a {@code jdbc:postgresql:} URL, the given H2
     * URL as it is when it is a {@code jdbc:h2:} one, else an H2 file {@value #H2_FILE} in {@code config.dataDir()}
     * (created if missing). Blocks until the schema is current; on PostgreSQL, waits for another node that is
     * migrating the same database.
     *
     * @throws StoreException when the directory cannot be created, the database cannot be reached within a few
     *     seconds, or a migration fails; the message names the URL, never the password
     */
    public static StateStore open(StoreConfig config) {
        Objects.requireNonNull(config, "config");
        String jdbcUrl = config.url().orElseGet(() -> embeddedUrl(config.dataDir()));
        Dialect dialect = Dialect.of(jdbcUrl);
        String shown = redact(jdbcUrl);
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("tollgate-store");
        hikari.setJdbcUrl(jdbcUrl);
        hikari.setMaximumPoolSize(MAX_POOL);
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        hikari.setValidationTimeout(1_000);
        hikari.setInitializationFailTimeout(1);
        if (dialect == Dialect.POSTGRESQL) {
            config.user().ifPresent(hikari::setUsername);
            // fail fast on an unreachable host, and never wait forever on a half-dead connection
            hikari.addDataSourceProperty("connectTimeout", "3");
            hikari.addDataSourceProperty("socketTimeout", "30");
            hikari.addDataSourceProperty("tcpKeepAlive", "true");
            hikari.addDataSourceProperty("ApplicationName", "tollgate");
        } else {
            hikari.setUsername(config.user().orElse("sa"));
        }
        config.password().map(Secret::reveal).ifPresent(hikari::setPassword);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open the state store at " + shown + ": "
                    + scrub(causeMessage(e), config), e);
        }
        try {
            Migrations.apply(pool, dialect);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw new StoreException("cannot migrate the state store at " + shown + ": "
                    + scrub(e.getMessage(), config), e);
        }
        return new StateStore(pool, dialect, shown);
    }

    /** The pooled connections, for modules that keep tables of their own (their own migrations included). */
    public DataSource dataSource() {
        return pool;
    }

    /** {@code "h2"} or {@code "postgresql"}: which SQL the database speaks. */
    public String dialect() {
        return dialect.label();
    }

    /** The JDBC URL with any password parameter masked: safe to log. */
    public String url() {
        return url;
    }

    /**
     * Whether the database answers {@code SELECT 1} now. Waits at most a few seconds (for a pooled connection,
     * then for the answer); never throws. False once closed.
     */
    public boolean healthy() {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(HEALTH_TIMEOUT_SECONDS);
            try (ResultSet rows = statement.executeQuery("SELECT 1")) {
                return rows.next();
            }
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    Dialect sqlDialect() {
        return dialect;
    }

    /** Closes the pool; an embedded database is closed with its last connection. Stop the grid first. */
    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "StateStore[" + url + "]";
    }

    private static String embeddedUrl(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        if (dir.toString().contains(";")) {
            throw new StoreException("the data directory must not contain ';', was '" + dir + "'");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("cannot create the data directory " + dir + ": " + e.getMessage(), e);
        }
        return "jdbc:h2:file:" + dir.resolve(H2_FILE) + H2_SETTINGS;
    }

    /** The URL with the values of password parameters masked. */
    static String redact(String jdbcUrl) {
        return PASSWORD_PARAMETER.matcher(jdbcUrl).replaceAll("$1****");
    }

    private static String scrub(String message, StoreConfig config) {
        String text = message == null ? "" : message;
        return config.password().map(Secret::reveal).map(p -> text.replace(p, "****")).orElse(text);
    }

    /** The driver's own words (Hikari wraps them in "Failed to initialize pool: ..."). */
    private static String causeMessage(Throwable e) {
        Throwable source = e.getCause() == null ? e : e.getCause();
        return source.getMessage() == null ? source.getClass().getSimpleName() : source.getMessage();
    }
}
