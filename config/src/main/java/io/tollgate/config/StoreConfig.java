package io.tollgate.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where definitions and spend are persisted.
 *
 * @param url a JDBC URL ({@code jdbc:postgresql://host:5432/db}); empty for the embedded H2 file under
 *     {@code dataDir}
 * @param user the database user, empty for none
 * @param password the database password, if any
 * @param dataDir the directory of the embedded database (default {@code ./data})
 */
public record StoreConfig(Optional<String> url, Optional<String> user, Optional<Secret> password, Path dataDir) {

    /** The embedded default: an H2 file under {@code ./data}. */
    public static final StoreConfig EMBEDDED = new StoreConfig(Optional.empty(), Optional.empty(), Optional.empty(),
            Path.of("data"));

    public StoreConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(dataDir, "dataDir");
        url.ifPresent(u -> {
            if (!u.startsWith("jdbc:postgresql:") && !u.startsWith("jdbc:h2:")) {
                throw new IllegalArgumentException("url must be a jdbc:postgresql: or jdbc:h2: URL, was '" + u + "'");
            }
        });
    }

    /** True when the embedded H2 file is used. */
    public boolean embedded() {
        return url.isEmpty() || url.get().startsWith("jdbc:h2:");
    }
}
