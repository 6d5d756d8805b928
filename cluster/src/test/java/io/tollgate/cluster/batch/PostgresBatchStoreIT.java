package io.tollgate.cluster.batch;

import io.tollgate.cluster.store.PostgresSchema;
import io.tollgate.config.StoreConfig;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PostgresBatchStoreIT extends BatchStoreContract {

    private final PostgresSchema.PerTest schema = new PostgresSchema.PerTest();

    @Override
    StoreConfig freshDatabase() {
        return schema.config();
    }

    @Override
    void dropDatabase() {
        schema.drop();
    }
}
