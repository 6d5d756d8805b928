package io.tollgate.cluster.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Keeps the log to its retention, the request rows and their attempt rows alike (an attempt row carries its
 * request's time): deletes rows older than the retention in chunks (so no statement holds locks for long) and, on
 * PostgreSQL, creates the monthly partitions of both tables ahead and drops whole partitions past the retention.
 */
final class Retention {

    /** Rows deleted per statement. */
    static final int CHUNK = 5_000;
    private static final Logger LOG = Logger.getLogger(Retention.class.getName());
    private static final int MONTHS_AHEAD = 2;
    /** The partitioned tables, by month of {@code logged_at}. */
    private static final List<String> TABLES = List.of("request_log", AttemptTable.NAME);
    private static final Pattern PARTITION = Pattern.compile("(\\w+)_y(\\d{4})m(\\d{2})");
    private static final String DELETE = "DELETE FROM request_log WHERE (logged_at, request_id) IN (SELECT logged_at,"
            + " request_id FROM request_log WHERE logged_at < ? FETCH FIRST " + CHUNK + " ROWS ONLY)";
    private static final String DELETE_ATTEMPTS = "DELETE FROM " + AttemptTable.NAME + " WHERE (logged_at,"
            + " request_id, attempt) IN (SELECT logged_at, request_id, attempt FROM " + AttemptTable.NAME
            + " WHERE logged_at < ? FETCH FIRST " + CHUNK + " ROWS ONLY)";

    private final DataSource dataSource;
    private final boolean partitioned;
    private final Duration keep;

    Retention(DataSource dataSource, String dialect, int retentionDays) {
        this.dataSource = dataSource;
        this.partitioned = dialect.equals("postgresql");
        this.keep = Duration.ofDays(retentionDays);
    }

    /** The instant before which rows go, at {@code now}. */
    Instant cutoff(Instant now) {
        return now.minus(keep);
    }

    /** Creates this and the next months' partitions and drops those wholly past the cutoff (PostgreSQL only). */
    void maintainPartitions(Instant now) throws SQLException {
        if (!partitioned) {
            return;
        }
        YearMonth month = YearMonth.from(now.atOffset(ZoneOffset.UTC));
        Instant cutoff = cutoff(now);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                for (int i = 0; i <= MONTHS_AHEAD; i++) {
                    YearMonth m = month.plusMonths(i);
                    String sql = "CREATE TABLE IF NOT EXISTS " + name(table, m) + " PARTITION OF " + table
                            + " FOR VALUES FROM ('" + start(m) + "') TO ('" + start(m.plusMonths(1)) + "')";
                    try {
                        statement.execute(sql);
                    } catch (SQLException e) {
                        // another node made it at the same moment, or the default partition holds rows of that month
                        LOG.log(Level.FINE, "could not create request log partition " + name(table, m), e);
                    }
                }
                for (String partition : partitions(connection, table)) {
                    Matcher matcher = PARTITION.matcher(partition);
                    if (matcher.matches() && matcher.group(1).equals(table)) {
                        YearMonth m = YearMonth.of(Integer.parseInt(matcher.group(2)),
                                Integer.parseInt(matcher.group(3)));
                        if (!start(m.plusMonths(1)).toInstant().isAfter(cutoff)) {
                            statement.execute("DROP TABLE IF EXISTS " + partition);
                            LOG.info("dropped request log partition " + partition + " (past the retention)");
                        }
                    }
                }
            }
        }
    }

    /**
     * Deletes one chunk of request rows and one of attempt rows older than the cutoff.
     *
     * @return how many of each went (fewer than a chunk of both: done)
     */
    Deleted deleteChunk(Instant now) throws SQLException {
        OffsetDateTime cutoff = OffsetDateTime.ofInstant(cutoff(now), ZoneOffset.UTC);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement requests = connection.prepareStatement(DELETE);
                PreparedStatement attempts = connection.prepareStatement(DELETE_ATTEMPTS)) {
            requests.setObject(1, cutoff);
            int requestRows = requests.executeUpdate();
            attempts.setObject(1, cutoff);
            return new Deleted(requestRows, attempts.executeUpdate());
        }
    }

    /** Deletes every row older than the cutoff, chunk by chunk; returns how many request rows went. */
    long deleteExpired(Instant now) throws SQLException {
        maintainPartitions(now);
        long total = 0;
        Deleted deleted;
        do {
            deleted = deleteChunk(now);
            total += deleted.requests();
        } while (deleted.more());
        return total;
    }

    /**
     * What one {@link #deleteChunk} removed.
     *
     * @param requests request rows
     * @param attempts attempt rows
     */
    record Deleted(int requests, int attempts) {

        /** True when a full chunk of either went: there may be more. */
        boolean more() {
            return requests == CHUNK || attempts == CHUNK;
        }
    }

    private static List<String> partitions(Connection connection, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement query = connection.createStatement();
                ResultSet rows = query.executeQuery("SELECT c.relname FROM pg_inherits i JOIN pg_class c"
                        + " ON c.oid = i.inhrelid WHERE i.inhparent = '" + table + "'::regclass")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static String name(String table, YearMonth month) {
        return String.format("%s_y%04dm%02d", table, month.getYear(), month.getMonthValue());
    }

    private static OffsetDateTime start(YearMonth month) {
        return month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
    }
}
