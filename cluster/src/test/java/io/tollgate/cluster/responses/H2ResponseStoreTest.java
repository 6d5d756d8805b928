package io.tollgate.cluster.responses;

import io.tollgate.config.StoreConfig;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/** The stored Responses on the default H2 state store, in a temporary directory. */
class H2ResponseStoreTest extends ResponseStoreContract {

    @TempDir
    Path dataDir;

    @Override
    StoreConfig config() {
        return new StoreConfig(Optional.empty(), Optional.empty(), Optional.empty(), dataDir);
    }
}
