package io.tollgate.cluster.log;

import io.tollgate.cluster.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Usage ingested from outside the gateway: its rows go to {@code request_log} like the gateway's own, written at
 * once in one transaction with their idempotency keys (table {@code ingest_key}, migration V5), so a batch is
 * stored whole or not at all and a key is never stored twice (a concurrent retry fails on the key's primary key
 * and changes nothing).
 */
final class IngestTable {

    /** Keys looked up per query. */
    private static final int CHUNK = 500;

    private final DataSource dataSource;
    private final String dialect;
    private final Clock clock;

    IngestTable(DataSource dataSource, String dialect, Clock clock) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.clock = clock;
    }

    Map<String, String> known(Collection<String> keys) {
        Map<String, String> found = new LinkedHashMap<>();
        List<String> all = new ArrayList<>(keys);
        try (Connection connection = dataSource.getConnection()) {
            for (int from = 0; from < all.size(); from += CHUNK) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
                String sql = "SELECT idempotency_key, request_id FROM ingest_key WHERE idempotency_key IN (?"
                        + ", ?".repeat(chunk.size() - 1) + ")";
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    for (int i = 0; i < chunk.size(); i++) {
                        statement.setString(i + 1, chunk.get(i));
                    }
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            found.put(rows.getString(1), rows.getString(2));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("reading ingested usage keys failed: " + e.getMessage(), e);
        }
        return found;
    }

    void store(Map<String, LogRecord> byKey) {
        if (byKey.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement keys = connection.prepareStatement(
                    "INSERT INTO ingest_key (idempotency_key, request_id, received_at) VALUES (?, ?, ?)");
                    PreparedStatement rows = connection.prepareStatement(LogTable.insert(dialect))) {
                for (Map.Entry<String, LogRecord> entry : byKey.entrySet()) {
                    keys.setString(1, entry.getKey());
                    keys.setString(2, entry.getValue().requestId());
                    keys.setObject(3, now);
                    keys.addBatch();
                    LogTable.bind(rows, entry.getValue());
                    rows.addBatch();
                }
                keys.executeBatch();
                rows.executeBatch();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("storing ingested usage failed (nothing of the batch was stored): "
                    + e.getMessage(), e);
        }
    }
}
