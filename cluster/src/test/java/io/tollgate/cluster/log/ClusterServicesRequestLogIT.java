package io.tollgate.cluster.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.cluster.ClusterServices;
import io.tollgate.cluster.store.StateStore;
import io.tollgate.config.ConfigLoader;
import io.tollgate.config.LoggingConfig;
import io.tollgate.config.TollgateConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A node that stops cleanly writes its queued log rows before its store closes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClusterServicesRequestLogIT {

    @TempDir
    Path dataDir;

    @Test
    void shouldFlushTheQueuedRowsWhenTheNodeStops() {
        TollgateConfig config = ConfigLoader.parse("store: { data_dir: '" + dataDir + "' }\n"
                + "logging: { queue_capacity: 500 }\n", "test", Map.of());
        Clock clock = Clock.fixed(LogRows.NOW, ZoneOffset.UTC);
        List<LogRecord> rows = LogRows.sample(120);
        try (ClusterServices cluster = ClusterServices.start(config, clock)) {
            rows.forEach(row -> assertThat(cluster.requestLog().offer(row)).isTrue());
        }

        try (StateStore store = StateStore.open(config.store());
                JdbcRequestLog log = JdbcRequestLog.create(store, LoggingConfig.DEFAULT, clock)) {
            assertThat(log.query(LogQuery.builder().limit(1000).build()).rows())
                    .containsExactlyElementsOf(LogRows.newestFirst(rows));
        }
    }
}
