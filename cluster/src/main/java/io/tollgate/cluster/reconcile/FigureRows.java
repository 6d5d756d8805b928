package io.tollgate.cluster.reconcile;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.OptionalLong;

/** Rows of {@code provider_figures} (format 1) to and from {@link ProviderFigure}s. */
final class FigureRows {

    /** The format this code writes. */
    static final int FORMAT = 1;
    static final String COLUMNS = "provider, usage_day, model, source, format, requests, input_tokens,"
            + " cached_input_tokens, cache_write_tokens, output_tokens, cost_nanos, input_cost_nanos,"
            + " cached_input_cost_nanos, cache_write_cost_nanos, output_cost_nanos";
    private static final String INSERT = "INSERT INTO provider_figures (" + COLUMNS + ", imported_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private FigureRows() {
    }

    static void insert(Connection connection, List<ProviderFigure> figures, OffsetDateTime at) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (ProviderFigure figure : figures) {
                insert.setString(1, figure.provider());
                insert.setObject(2, figure.day());
                insert.setString(3, figure.model());
                insert.setString(4, figure.source());
                insert.setInt(5, FORMAT);
                set(insert, 6, figure.requests());
                set(insert, 7, figure.tokens());
                insert.setLong(11, figure.costNanos());
                set(insert, 12, figure.costByType());
                insert.setObject(16, at);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    static ProviderFigure read(ResultSet row) throws SQLException {
        int format = row.getInt("format");
        if (format != FORMAT) {
            throw new SQLException("provider figure of unknown format " + format);
        }
        return new ProviderFigure(row.getString("provider"), row.getObject("usage_day", LocalDate.class),
                row.getString("model"), row.getString("source"), get(row, "requests"),
                new ByType(get(row, "input_tokens"), get(row, "cached_input_tokens"), get(row, "cache_write_tokens"),
                        get(row, "output_tokens")), row.getLong("cost_nanos"),
                new ByType(get(row, "input_cost_nanos"), get(row, "cached_input_cost_nanos"),
                        get(row, "cache_write_cost_nanos"), get(row, "output_cost_nanos")));
    }

    private static void set(PreparedStatement statement, int first, ByType parts) throws SQLException {
        set(statement, first, parts.input());
        set(statement, first + 1, parts.cachedInput());
        set(statement, first + 2, parts.cacheWrite());
        set(statement, first + 3, parts.output());
    }

    private static void set(PreparedStatement statement, int index, OptionalLong value) throws SQLException {
        if (value.isPresent()) {
            statement.setLong(index, value.getAsLong());
        } else {
            statement.setNull(index, Types.BIGINT);
        }
    }

    private static OptionalLong get(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
