package io.tollgate.cluster.store;

import io.tollgate.config.StoreConfig;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

class H2JdbcMapStoreTest extends JdbcMapStoreContract {

    @TempDir
    static Path dataDir;

    @Override
    StoreConfig config() {
        return new StoreConfig(Optional.empty(), Optional.empty(), Optional.empty(), dataDir);
    }
}
