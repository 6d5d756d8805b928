package io.tollgate.cluster.responses;

import io.tollgate.cluster.store.PostgresSchema;
import io.tollgate.config.StoreConfig;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/** The stored Responses on PostgreSQL, in a schema of their own (see {@link PostgresSchema}). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PostgresResponseStoreIT extends ResponseStoreContract {

    private static PostgresSchema schema;

    @BeforeAll
    static void createSchema() {
        schema = PostgresSchema.create();
    }

    @AfterAll
    static void dropSchema() throws Exception {
        schema.close();
    }

    @Override
    StoreConfig config() {
        return schema.config();
    }
}
