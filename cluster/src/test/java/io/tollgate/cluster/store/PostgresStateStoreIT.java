package io.tollgate.cluster.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.config.StoreConfig;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PostgresStateStoreIT extends StateStoreContract {

    @RegisterExtension
    static final PostgresSchema.PerClass SCHEMA = new PostgresSchema.PerClass();

    @Override
    StoreConfig config() {
        return SCHEMA.config();
    }

    @Override
    String expectedDialect() {
        return "postgresql";
    }

    @Test
    void shouldMigrateOnceWhenNodesStartTogether() throws Exception {
        int nodes = 4;
        try (PostgresSchema fresh = PostgresSchema.create()) {
            ExecutorService pool = Executors.newFixedThreadPool(nodes);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<StateStore>> opened = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                opened.add(pool.submit(() -> {
                    start.await();
                    return StateStore.open(fresh.config());
                }));
            }
            start.countDown();
            List<StateStore> stores = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            for (Future<StateStore> store : opened) {
                try {
                    stores.add(store.get(30, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    failures.add(e.getCause().toString());
                }
            }
            try {
                assertThat(failures).isEmpty();
                assertThat(versionRows(stores.getFirst())).hasSize(Migrations.SCRIPTS.size());
            } finally {
                stores.forEach(StateStore::close);
                pool.shutdownNow();
            }
        }
    }
}
