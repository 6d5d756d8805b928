package io.tollgate.cluster.batch;

import io.tollgate.config.StoreConfig;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

class H2BatchStoreTest extends BatchStoreContract {

    @TempDir
    Path dataDir;

    @Override
    StoreConfig freshDatabase() {
        return new StoreConfig(Optional.empty(), Optional.empty(), Optional.empty(), dataDir);
    }
}
