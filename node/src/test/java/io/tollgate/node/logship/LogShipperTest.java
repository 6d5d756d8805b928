package io.tollgate.node.logship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.cluster.log.JdbcLogExport;
import io.tollgate.cluster.log.JdbcRequestLog;
import io.tollgate.cluster.log.LogRecord;
import io.tollgate.cluster.store.StateStore;
import io.tollgate.config.LogExportConfig;
import io.tollgate.config.LoggingConfig;
import io.tollgate.config.Secret;
import io.tollgate.config.StoreConfig;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipper over a real (embedded) store and an object store in memory: a failed upload is retried with the same
 * objects, each row lands once, and only the lease holder ships. Rows are aged past the settle in SQL, so nothing
 * sleeps.
 */
class LogShipperTest {

    static final LogExportConfig CONFIG = new LogExportConfig(URI.create("http://127.0.0.1:9"), "logs", "gw",
            "us-east-1", true, 60_000, 25, 1_000, 5_000, false, "AKID", new Secret("secret-0123456789"),
            Optional.empty());
    static final Instant MIDNIGHT = Instant.parse("2026-11-30T00:00:00Z");

    @TempDir
    Path dataDir;
    StateStore store;
    JdbcRequestLog log;
    final MemoryStore objects = new MemoryStore();

    @BeforeEach
    void open() {
        store = StateStore.open(new StoreConfig(Optional.empty(), Optional.empty(), Optional.empty(), dataDir));
        log = JdbcRequestLog.create(store, LoggingConfig.DEFAULT, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        log.close();
        store.close();
    }

    @Test
    void shouldWriteTheSameObjectsAgainAfterAFailedUploadAndLandEveryRowOnce() throws SQLException {
        List<LogRecord> rows = write(60);
        objects.failPut(3);
        LogShipper node = shipper("http://127.0.0.1:8080", objects);

        assertThatThrownBy(node::runOnce).isInstanceOf(ObjectStoreException.class).hasMessage("put 3 refused");
        assertThat(objects.puts).hasSize(2);
        LogShipper.Run run = node.runOnce();

        assertThat(run).isEqualTo(new LogShipper.Run(true, 2, 35, 3));
        List<String> keys = objects.puts.stream().map(Put::key).toList();
        assertThat(keys).extracting(key -> key.substring(0, key.lastIndexOf('/'))).containsExactly(
                "gw/dt=2026-11-29", "gw/dt=2026-11-29", "gw/dt=2026-11-29", "gw/dt=2026-11-30", "gw/dt=2026-11-30");
        assertThat(keys.get(2)).as("the range in flight, again").isEqualTo(keys.get(1));
        assertThat(objects.puts.get(2).body()).as("the same bytes again").isEqualTo(objects.puts.get(1).body());
        assertThat(keys.get(3)).as("its other day").endsWith(keys.get(1).substring(keys.get(1).lastIndexOf('/')));
        assertThat(objects.stored).hasSize(4);
        List<String> landed = new ArrayList<>();
        objects.stored.values().forEach(body -> landed.addAll(requestIds(body)));
        assertThat(landed).containsExactlyInAnyOrderElementsOf(rows.stream().map(LogRecord::requestId).toList())
                .doesNotHaveDuplicates();
        assertThat(JdbcLogExport.create(store, CONFIG.sink()).state().exportedRows()).isEqualTo(60);
    }

    @Test
    void shouldLeaveTheShippingToTheNodeHoldingTheLease() throws SQLException {
        write(10);
        LogShipper first = shipper("http://node-a:8080", objects);
        MemoryStore otherBucket = new MemoryStore();
        LogShipper second = shipper("http://node-b:8080", otherBucket);

        assertThat(first.runOnce()).isEqualTo(new LogShipper.Run(true, 1, 10, 1));
        assertThat(second.runOnce()).isEqualTo(new LogShipper.Run(false, 0, 0, 0));
        assertThat(otherBucket.puts).isEmpty();
        assertThat(first.runOnce()).as("nothing new").isEqualTo(new LogShipper.Run(true, 0, 0, 0));
    }

    /** Writes rows r-00.. a minute apart from half an hour before midnight, stored an hour ago. */
    List<LogRecord> write(int count) throws SQLException {
        List<LogRecord> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(LogObjectsTest.row("r-%02d".formatted(i), MIDNIGHT.minusSeconds(30 * 60 - 60L * i).toString()));
        }
        rows.forEach(log::offer);
        log.flush();
        try (Connection connection = store.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            assertThat(statement.executeUpdate("UPDATE request_log SET stored_at = stored_at - INTERVAL '1' HOUR"))
                    .isEqualTo(count);
        }
        return rows;
    }

    LogShipper shipper(String owner, ObjectStore target) {
        return LogShipper.create(CONFIG, JdbcLogExport.create(store, CONFIG.sink()), target, () -> owner,
                Clock.systemUTC());
    }

    static List<String> requestIds(byte[] gzip) {
        LogObject object = new LogObject("k", java.time.LocalDate.EPOCH, 0, gzip);
        return LogObjectsTest.lines(object).stream()
                .map(line -> io.tollgate.node.testing.NodeClient.parse(line).path("request_id").asText()).toList();
    }

    record Put(String key, byte[] body) {
    }

    /** Objects in memory; refuses the n-th put when told to. */
    static final class MemoryStore implements ObjectStore {
        final List<Put> puts = new ArrayList<>();
        final Map<String, byte[]> stored = new LinkedHashMap<>();
        private int refuse = -1;
        private int count;

        void failPut(int n) {
            refuse = n;
        }

        @Override
        public synchronized void put(String key, byte[] body, String contentType) {
            assertThat(contentType).isEqualTo(LogObject.CONTENT_TYPE);
            if (++count == refuse) {
                throw new ObjectStoreException("put " + count + " refused");
            }
            puts.add(new Put(key, body));
            stored.put(key, body);
        }

        @Override
        public void close() {
        }
    }
}
