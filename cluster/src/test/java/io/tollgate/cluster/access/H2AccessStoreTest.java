package io.tollgate.cluster.access;

import io.tollgate.config.StoreConfig;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

class H2AccessStoreTest extends AccessStoreContract {

    @TempDir
    Path dataDir;

    @Override
    StoreConfig freshDatabase() {
        return new StoreConfig(Optional.empty(), Optional.empty(), Optional.empty(), dataDir);
    }
}
