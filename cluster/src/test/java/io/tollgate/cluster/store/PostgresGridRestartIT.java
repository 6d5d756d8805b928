package io.tollgate.cluster.store;

import io.tollgate.config.StoreConfig;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresGridRestartIT extends GridRestartContract {

    @RegisterExtension
    static final PostgresSchema.PerClass SCHEMA = new PostgresSchema.PerClass();

    @Override
    StoreConfig config() {
        return SCHEMA.config();
    }
}
