package io.tollgate.cluster.reconcile;

import io.tollgate.cluster.store.Jdbc;
import io.tollgate.cluster.store.StateStore;
import io.tollgate.cluster.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * The reconciliation tables in the state store's database, in SQL both H2 and PostgreSQL speak: replacements are a
 * delete and inserts in one transaction (no dialect-specific upsert needed). Thread-safe.
 */
public final class JdbcReconcileStore implements ReconcileStore {

    private static final String DAY = "CAST((logged_at AT TIME ZONE 'UTC') AS DATE)";
    private static final String GATEWAY = "SELECT COALESCE(model, '') AS model, " + DAY + " AS usage_day,"
            + " SUM(CASE WHEN status < 400 THEN 1 ELSE 0 END) AS requests, SUM(input_tokens) AS input_tokens,"
            + " SUM(cached_input_tokens) AS cached_input_tokens, SUM(cache_write_tokens) AS cache_write_tokens,"
            + " SUM(output_tokens + reasoning_tokens) AS output_tokens, SUM(cost_nanos) AS cost_nanos"
            + " FROM request_log WHERE provider = ? AND logged_at >= ? AND logged_at < ?"
            + " AND cache_status NOT LIKE 'hit%' GROUP BY COALESCE(model, ''), " + DAY
            + " ORDER BY usage_day, model";

    private final DataSource dataSource;
    private final Clock clock;

    private JdbcReconcileStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** The tables of this (migrated) store; {@code clock} stamps each import. */
    public static JdbcReconcileStore create(StateStore store, Clock clock) {
        return create(Objects.requireNonNull(store, "store").dataSource(), clock);
    }

    /** Over any migrated data source; for tests. */
    static JdbcReconcileStore create(DataSource dataSource, Clock clock) {
        return new JdbcReconcileStore(Objects.requireNonNull(dataSource, "dataSource"),
                Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public void replaceImported(String provider, String source, LocalDate from, LocalDate to,
                                List<ProviderFigure> figures) {
        for (ProviderFigure figure : figures) {
            if (!figure.provider().equals(provider) || !figure.source().equals(source)
                    || figure.day().isBefore(from) || figure.day().isAfter(to)) {
                throw new IllegalArgumentException("figure of " + figure.provider() + "/" + figure.source() + " on "
                        + figure.day() + " does not belong to " + provider + "/" + source + " " + from + ".." + to);
            }
        }
        inTransaction("importing " + source + " figures of " + provider, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM provider_figures"
                    + " WHERE provider = ? AND source = ? AND usage_day >= ? AND usage_day <= ?")) {
                delete.setString(1, provider);
                delete.setString(2, source);
                delete.setObject(3, from);
                delete.setObject(4, to);
                delete.executeUpdate();
            }
            FigureRows.insert(connection, figures, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            return null;
        });
    }

    @Override
    public void replaceInvoice(String provider, List<ProviderFigure> figures) {
        Set<LocalDate> days = new TreeSet<>();
        for (ProviderFigure figure : figures) {
            if (!figure.provider().equals(provider) || !figure.fromInvoice()) {
                throw new IllegalArgumentException("figure of " + figure.provider() + "/" + figure.source()
                        + " is not an invoice figure of " + provider);
            }
            days.add(figure.day());
        }
        inTransaction("storing an invoice of " + provider, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM provider_figures"
                    + " WHERE provider = ? AND usage_day = ? AND source LIKE 'csv:%'")) {
                for (LocalDate day : days) {
                    delete.setString(1, provider);
                    delete.setObject(2, day);
                    delete.addBatch();
                }
                delete.executeBatch();
            }
            FigureRows.insert(connection, figures, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            return null;
        });
    }

    @Override
    public List<ProviderFigure> figures(String provider, LocalDate from, LocalDate to) {
        String sql = "SELECT " + FigureRows.COLUMNS + " FROM provider_figures WHERE provider = ? AND usage_day >= ?"
                + " AND usage_day <= ? ORDER BY usage_day, model, source";
        List<ProviderFigure> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, provider);
            query.setObject(2, from);
            query.setObject(3, to);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(FigureRows.read(result));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("reading the provider figures of " + provider + " failed: " + e.getMessage(), e);
        }
        return List.copyOf(rows);
    }

    @Override
    public List<GatewayFigure> gateway(String provider, LocalDate from, LocalDate to) {
        List<GatewayFigure> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(GATEWAY)) {
            query.setString(1, provider);
            query.setObject(2, from.atStartOfDay().atOffset(ZoneOffset.UTC));
            query.setObject(3, to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(new GatewayFigure(result.getObject("usage_day", LocalDate.class),
                            result.getString("model"), result.getLong("requests"),
                            ByType.of(result.getLong("input_tokens"), result.getLong("cached_input_tokens"),
                                    result.getLong("cache_write_tokens"), result.getLong("output_tokens")),
                            result.getLong("cost_nanos")));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("summing the request log of " + provider + " by day failed: " + e.getMessage(),
                    e);
        }
        return List.copyOf(rows);
    }

    private void inTransaction(String what, Jdbc.Work<Void> work) {
        try {
            Jdbc.inTransaction(dataSource, work);
        } catch (SQLException e) {
            throw new StoreException(what + " failed: " + e.getMessage(), e);
        }
    }
}
