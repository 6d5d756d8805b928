package io.tollgate.cluster.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.cluster.store.StateStore;
import io.tollgate.config.StoreConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link JdbcLogExport} must do on every database: ranges in store order that cover every row once, settling,
 * a range fixed once planned, commits that count once, leases. Store times are set by the tests (relative to the
 * database's clock) so nothing sleeps.
 */
abstract class LogExportContract {

    static final int ROWS = 60;
    static final String SINK = "s3:127.0.0.1:9000/logs/tollgate";

    StateStore store;
    JdbcRequestLog log;
    JdbcLogExport export;
    final List<LogRecord> written = LogRows.sample(ROWS);
    Instant base;

    /** A configuration of an empty database of its own. */
    abstract StoreConfig freshDatabase() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = StateStore.open(freshDatabase());
        log = JdbcRequestLog.create(store, RequestLogContract.CONFIG, Clock.fixed(LogRows.NOW, ZoneOffset.UTC));
        written.forEach(row -> assertThat(log.offer(row)).isTrue());
        log.flush();
        export = JdbcLogExport.create(store, SINK);
        // store order differs from request order: row i stored (59 - i) seconds after the base, an hour ago
        base = dbNow().minus(Duration.ofHours(1));
        for (int i = 0; i < ROWS; i++) {
            storeAt(written.get(i).requestId(), base.plusSeconds(ROWS - 1 - i));
        }
    }

    @AfterEach
    void close() {
        log.close();
        store.close();
    }

    @Test
    void shouldCoverEveryRowOnceInStoreOrderRangeByRange() {
        List<String> exported = new ArrayList<>();
        List<ExportBatch> batches = drain(export, 7, exported);

        List<String> storeOrder = written.stream().map(LogRecord::requestId)
                .sorted(Comparator.reverseOrder()).toList();
        assertThat(exported).isEqualTo(storeOrder);
        assertThat(batches).hasSize(9).extracting(ExportBatch::rows).containsExactly(7, 7, 7, 7, 7, 7, 7, 7, 4);
        for (int i = 1; i < batches.size(); i++) {
            assertThat(batches.get(i).after()).contains(batches.get(i - 1).last());
        }
        ExportState state = export.state();
        assertThat(state.exportedRows()).isEqualTo(ROWS);
        assertThat(state.exportedObjects()).isEqualTo(9);
        assertThat(state.lastObject()).contains("object-9");
        assertThat(state.cursor()).contains(batches.getLast().last());
        assertThat(state.pending()).isEmpty();
        assertThat(export.next(Duration.ZERO, 7)).isEmpty();
    }

    @Test
    void shouldReadEachRowWithItsAttemptsAsWritten() {
        ExportBatch batch = export.next(Duration.ZERO, ROWS).orElseThrow();
        List<LogRecord> rows = new ArrayList<>();
        export.rows(batch, rows::add);

        Map<String, LogRecord> byId = written.stream().map(row -> row.withContent(
                        RequestLogContract.CONFIG.content(), RequestLogContract.CONFIG.maxContentBytes()))
                .collect(Collectors.toMap(LogRecord::requestId, Function.identity()));
        assertThat(rows).hasSize(ROWS).allSatisfy(row -> assertThat(row).isEqualTo(byId.get(row.requestId())));
        assertThat(rows).anySatisfy(row -> assertThat(row.attemptLog()).hasSize(2));
    }

    @Test
    void shouldLeaveRowsStoredWithinTheSettleForALaterRange() {
        Instant now = dbNow();
        for (int i = 0; i < 20; i++) {
            storeAt(written.get(i).requestId(), now.minusSeconds(30));
        }

        ExportBatch batch = export.next(Duration.ofMinutes(1), ROWS).orElseThrow();

        assertThat(batch.rows()).isEqualTo(40);
        assertThat(ids(batch)).doesNotContainAnyElementsOf(ids(written.subList(0, 20)));
        export.commit(batch, 40, 1, "first");
        assertThat(export.next(Duration.ofMinutes(1), ROWS)).isEmpty();
        assertThat(export.next(Duration.ofSeconds(10), ROWS).orElseThrow().rows()).isEqualTo(20);
    }

    @Test
    void shouldExportARowStoredLateWithAnOldRequestTimeAfterTheCursorPassedThatTime() {
        drain(export, ROWS, new ArrayList<>());
        LogRecord late = LogRows.record(900, LogRows.NOW.minus(Duration.ofDays(20)));
        assertThat(log.offer(late)).isTrue();
        log.flush();
        Instant stored = storedAt(late.requestId());
        assertThat(stored).isAfter(base.plusSeconds(ROWS)).isBeforeOrEqualTo(dbNow());

        List<String> exported = new ArrayList<>();
        drain(export, ROWS, exported);

        assertThat(exported).containsExactly(late.requestId());
    }

    @Test
    void shouldHandOutThePlannedRangeUnchangedUntilItIsCommittedOnce() {
        ExportBatch planned = export.next(Duration.ZERO, 10).orElseThrow();
        JdbcLogExport otherNode = JdbcLogExport.create(store, SINK);
        List<LogRecord> more = LogRows.sample(ROWS + 5).subList(ROWS, ROWS + 5);
        more.forEach(log::offer);
        log.flush();
        more.forEach(row -> storeAt(row.requestId(), base.plusSeconds(100)));

        ExportBatch resumed = otherNode.next(Duration.ZERO, 30).orElseThrow();
        assertThat(resumed).isEqualTo(planned);
        assertThat(ids(resumed)).isEqualTo(ids(planned)).hasSize(10);

        assertThat(otherNode.commit(resumed, 10, 1, "a")).isTrue();
        assertThat(export.commit(planned, 10, 1, "a")).isFalse();
        assertThat(export.state().exportedRows()).isEqualTo(10);
        assertThat(export.state().exportedObjects()).isEqualTo(1);
        ExportBatch next = export.next(Duration.ZERO, 10).orElseThrow();
        assertThat(next.after()).contains(planned.last());
        assertThat(ids(next)).doesNotContainAnyElementsOf(ids(planned));
    }

    @Test
    void shouldKeepEachSinksPositionApart() {
        JdbcLogExport other = JdbcLogExport.create(store, "s3:elsewhere/archive/tollgate");
        drain(export, 25, new ArrayList<>());

        List<String> exported = new ArrayList<>();
        drain(other, 25, exported);

        assertThat(exported).hasSize(ROWS).doesNotHaveDuplicates();
        assertThat(export.state().exportedRows()).isEqualTo(ROWS);
        assertThat(other.state().exportedRows()).isEqualTo(ROWS);
    }

    @Test
    void shouldLeaseToOneOwnerAtATime() throws SQLException {
        assertThat(export.lease("node-a", Duration.ofMinutes(1))).isTrue();
        assertThat(export.lease("node-b", Duration.ofMinutes(1))).isFalse();
        assertThat(export.lease("node-a", Duration.ofMinutes(1))).as("renewed").isTrue();
        assertThat(export.state().leaseOwner()).contains("node-a");
        assertThat(export.state().leaseUntil().orElseThrow()).isAfter(dbNow().plusSeconds(50));

        export.release("node-b");
        assertThat(export.lease("node-b", Duration.ofMinutes(1))).as("not node-b's to release").isFalse();
        export.release("node-a");
        assertThat(export.lease("node-b", Duration.ofMinutes(1))).isTrue();

        update("UPDATE log_export SET lease_until = ? WHERE sink = ?", time(dbNow().minusSeconds(1)), SINK);
        assertThat(export.lease("node-a", Duration.ofMinutes(1))).as("lapsed").isTrue();
    }

    @Test
    void shouldRefuseBadArguments() {
        assertThatThrownBy(() -> export.next(Duration.ZERO, 0)).hasMessage("maxRows must be at least 1, was 0");
        assertThatThrownBy(() -> export.next(Duration.ofSeconds(-1), 5))
                .hasMessage("settle must not be negative, was PT-1S");
        assertThatThrownBy(() -> export.lease("a", Duration.ZERO))
                .hasMessage("a lease must be held a positive time, was PT0S");
        assertThatThrownBy(() -> JdbcLogExport.create(store, " "))
                .hasMessageStartingWith("an export sink's name must be 1 to 512 characters");
        ExportBatch batch = export.next(Duration.ZERO, 5).orElseThrow();
        assertThatThrownBy(() -> JdbcLogExport.create(store, "other").commit(batch, 5, 1, "x"))
                .hasMessage("range of sink '" + SINK + "' committed to 'other'");
    }

    /** Exports everything stored so far, range by range, as a shipper would. */
    List<ExportBatch> drain(JdbcLogExport sink, int maxRows, List<String> exported) {
        List<ExportBatch> batches = new ArrayList<>();
        Optional<ExportBatch> next;
        while ((next = sink.next(Duration.ZERO, maxRows)).isPresent()) {
            ExportBatch batch = next.get();
            List<String> ids = ids(batch);
            assertThat(ids).hasSize(batch.rows());
            exported.addAll(ids);
            batches.add(batch);
            assertThat(sink.commit(batch, ids.size(), 1, "object-" + batches.size())).isTrue();
        }
        return batches;
    }

    List<String> ids(ExportBatch batch) {
        List<String> ids = new ArrayList<>();
        export.rows(batch, row -> ids.add(row.requestId()));
        return ids;
    }

    static List<String> ids(List<LogRecord> rows) {
        return rows.stream().map(LogRecord::requestId).toList();
    }

    Instant dbNow() {
        try (Connection connection = store.dataSource().getConnection()) {
            return ExportTable.now(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Instant storedAt(String requestId) {
        try (Connection connection = store.dataSource().getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT stored_at FROM request_log WHERE request_id = ?")) {
            query.setString(1, requestId);
            try (var rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getObject(1, OffsetDateTime.class).toInstant();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void storeAt(String requestId, Instant at) {
        try {
            update("UPDATE request_log SET stored_at = ? WHERE request_id = ?", time(at), requestId);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void update(String sql, Object... parameters) throws SQLException {
        try (Connection connection = store.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }

    static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
