package io.tollgate.cluster.store;

import io.tollgate.config.StoreConfig;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The child process of {@link KilledProcessIT}: opens the embedded store in {@code args[0]}, then writes key
 * after key of map {@code args[1]}, printing "acked N" once the write of key N has returned, until killed.
 */
public final class AcknowledgingWriter {

    private AcknowledgingWriter() {
    }

    public static void main(String[] args) {
        StateStore store = StateStore.open(new StoreConfig(Optional.empty(), Optional.empty(), Optional.empty(),
                Path.of(args[0])));
        JdbcMapStore<String> entries = JdbcMapStore.create(store, args[1], new PrefixCodec());
        for (long i = 0; ; i++) {
            entries.store("key-" + i, "spend-" + i);
            System.out.println("acked " + i);
            System.out.flush();
        }
    }
}
