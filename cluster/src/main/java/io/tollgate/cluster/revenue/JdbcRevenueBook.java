package io.tollgate.cluster.revenue;

import io.tollgate.cluster.store.StateStore;
import io.tollgate.cluster.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The revenue book in the state store's database: table {@code revenue_event} (migration V5) and, for usage, the
 * request log's {@code request_log}. A key's first event wins; a retry with the same facts is a duplicate, another
 * event under the same key a conflict (detected by the primary key, so concurrent retries on several nodes still
 * store one).
 */
public final class JdbcRevenueBook implements RevenueBook {

    /** The SQL state both databases report for a unique or primary key violation. */
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "idempotency_key, customer_id, team_id, period_month, amount_nanos,"
            + " description, received_at";

    private final DataSource dataSource;

    private JdbcRevenueBook(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A book over the store's database (already migrated by {@link StateStore#open}). */
    public static JdbcRevenueBook create(StateStore store) {
        return new JdbcRevenueBook(Objects.requireNonNull(store, "store").dataSource());
    }

    @Override
    public Recorded record(RevenueEvent event) {
        Objects.requireNonNull(event, "event");
        try (Connection connection = dataSource.getConnection()) {
            Optional<RevenueEvent> before = find(connection, event.idempotencyKey());
            if (before.isPresent()) {
                return before.get().sameAs(event) ? Recorded.DUPLICATE : Recorded.CONFLICT;
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO revenue_event (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, event.idempotencyKey());
                insert.setString(2, event.customerId().orElse(null));
                insert.setString(3, event.teamId().orElse(null));
                insert.setObject(4, event.period().atDay(1));
                insert.setLong(5, event.amountNanos());
                insert.setString(6, event.description().orElse(null));
                insert.setObject(7, OffsetDateTime.ofInstant(event.receivedAt(), ZoneOffset.UTC));
                insert.executeUpdate();
                return Recorded.NEW;
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                // stored meanwhile by a concurrent retry
                RevenueEvent stored = find(connection, event.idempotencyKey()).orElseThrow(() -> e);
                return stored.sameAs(event) ? Recorded.DUPLICATE : Recorded.CONFLICT;
            }
        } catch (SQLException e) {
            throw new StoreException("recording a revenue event failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<RevenueEvent> events(YearMonth period) {
        List<RevenueEvent> events = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                        + " FROM revenue_event WHERE period_month = ? ORDER BY received_at, idempotency_key")) {
            select.setObject(1, period.atDay(1));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.add(read(rows));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("reading revenue events failed: " + e.getMessage(), e);
        }
        return List.copyOf(events);
    }

    @Override
    public List<OwnerUsage> usage(YearMonth period, OwnerKind kind) {
        String owner = kind == OwnerKind.CUSTOMER ? "customer_id" : "team_id";
        String sql = "SELECT " + owner + " AS owner, COUNT(*) AS requests,"
                + " SUM(CASE WHEN status < 400 THEN 1 ELSE 0 END) AS billable_requests,"
                + " SUM(CASE WHEN status < 400 THEN input_tokens + cached_input_tokens + cache_write_tokens"
                + " + reasoning_tokens + output_tokens ELSE 0 END) AS billable_tokens,"
                + " SUM(cost_nanos) AS cost_nanos"
                + " FROM request_log WHERE logged_at >= ? AND logged_at < ? AND " + owner + " IS NOT NULL"
                + " GROUP BY " + owner + " ORDER BY " + owner;
        List<OwnerUsage> usage = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, start(period.atDay(1)));
            select.setObject(2, start(period.plusMonths(1).atDay(1)));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    usage.add(new OwnerUsage(rows.getString("owner"), rows.getLong("requests"),
                            rows.getLong("billable_requests"), rows.getLong("billable_tokens"),
                            rows.getLong("cost_nanos")));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("reading usage per " + owner + " failed: " + e.getMessage(), e);
        }
        return List.copyOf(usage);
    }

    private static OffsetDateTime start(LocalDate day) {
        return day.atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    private static Optional<RevenueEvent> find(Connection connection, String key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM revenue_event WHERE idempotency_key = ?")) {
            select.setString(1, key);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        }
    }

    private static RevenueEvent read(ResultSet rows) throws SQLException {
        return new RevenueEvent(rows.getString("idempotency_key"), Optional.ofNullable(rows.getString("customer_id")),
                Optional.ofNullable(rows.getString("team_id")),
                YearMonth.from(rows.getObject("period_month", LocalDate.class)), rows.getLong("amount_nanos"),
                Optional.ofNullable(rows.getString("description")),
                rows.getObject("received_at", OffsetDateTime.class).toInstant());
    }
}
