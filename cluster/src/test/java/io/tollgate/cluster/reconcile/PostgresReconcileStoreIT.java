package io.tollgate.cluster.reconcile;

import io.tollgate.cluster.store.PostgresSchema;
import io.tollgate.config.StoreConfig;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PostgresReconcileStoreIT extends ReconcileStoreContract {

    private PostgresSchema schema;

    @Override
    StoreConfig freshDatabase() {
        schema = PostgresSchema.create();
        return schema.config();
    }

    @Override
    void dropDatabase() {
        if (schema != null) {
            try {
                schema.close();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
