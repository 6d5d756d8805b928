package io.tollgate.cluster.log;

import io.tollgate.cluster.store.PostgresSchema;
import io.tollgate.config.StoreConfig;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PostgresLogExportIT extends LogExportContract {

    private final PostgresSchema.PerTest schema = new PostgresSchema.PerTest();

    @Override
    StoreConfig freshDatabase() {
        return schema.config();
    }

    @AfterEach
    void dropSchema() {
        schema.drop();
    }
}
