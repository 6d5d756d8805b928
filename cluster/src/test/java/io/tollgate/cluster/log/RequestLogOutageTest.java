package io.tollgate.cluster.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.cluster.store.StateStore;
import io.tollgate.config.LoggingConfig;
import io.tollgate.config.StoreConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The database goes away under a running log: requests are never held up, drops are counted, the log catches up. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RequestLogOutageTest {

    private static final int CAPACITY = 20;
    private static final int OFFERS = 100;

    @TempDir
    Path dataDir;

    @Test
    void shouldKeepOffersFastCountDropsAndCatchUpWhenTheDatabaseReturns() {
        try (StateStore store = StateStore.open(new StoreConfig(Optional.empty(), Optional.empty(), Optional.empty(),
                dataDir))) {
            SwitchableDataSource database = new SwitchableDataSource(store.dataSource());
            LoggingConfig config = new LoggingConfig(true, false, 1024, CAPACITY, 30);
            try (JdbcRequestLog log = JdbcRequestLog.create(database, "h2", config,
                    Clock.fixed(LogRows.NOW, ZoneOffset.UTC))) {
                database.down = true;
                List<LogRecord> accepted = new ArrayList<>();
                long slowest = 0;
                for (LogRecord row : LogRows.sample(OFFERS)) {
                    long start = System.nanoTime();
                    boolean queued = log.offer(row);
                    slowest = Math.max(slowest, System.nanoTime() - start);
                    if (queued) {
                        accepted.add(row);
                    }
                }
                log.flush(); // returns at the first failed write

                QueueStats down = log.stats();
                assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofMillis(50));
                // the queue, plus the batch the writer holds: drained before and after its linger
                assertThat(accepted.size()).isBetween(CAPACITY, 3 * CAPACITY);
                assertThat(down.dropped()).isEqualTo(OFFERS - accepted.size());
                assertThat(down.written()).isZero();
                assertThat(down.failedBatches()).isPositive();
                assertThat(down.lastError()).hasValueSatisfying(error -> assertThat(error).contains("database down"));
                assertThat(down.depth()).isEqualTo(accepted.size());

                database.down = false;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (log.stats().written() < accepted.size() && System.nanoTime() < deadline) {
                    log.flush();
                }

                QueueStats up = log.stats();
                assertThat(up.written()).isEqualTo(accepted.size());
                assertThat(up.depth()).isZero();
                assertThat(up.lastError()).isEmpty();
                assertThat(log.query(LogQuery.builder().limit(1000).build()).rows())
                        .containsExactlyElementsOf(LogRows.newestFirst(accepted));
            }
        }
    }
}
