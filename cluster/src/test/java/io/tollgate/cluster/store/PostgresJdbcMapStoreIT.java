package io.tollgate.cluster.store;

import io.tollgate.config.StoreConfig;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PostgresJdbcMapStoreIT extends JdbcMapStoreContract {

    @RegisterExtension
    static final PostgresSchema.PerClass SCHEMA = new PostgresSchema.PerClass();

    @Override
    StoreConfig config() {
        return SCHEMA.config();
    }
}
