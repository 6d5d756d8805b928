package io.tollgate.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Binds the {@code store} section. {@code url} and {@code user} that resolve to empty through a variable
 * ({@code ${NAME:-}}) count as absent, so one file can serve both the embedded and an external database. The
 * password is a secret: an unset (or empty) variable in it is an error, and it is never shown. A message shows the
 * URL only up to its first {@code //}, {@code @}, {@code ?} or {@code ;}, since it may carry credentials.
 */
final class StoreBinder {

    /** Keys allowed under {@code store}. */
    static final Set<String> STORE_KEYS = Set.of("url", "user", "password", "data_dir");

    private StoreBinder() {
    }

    /** Binds the section; absent keys take {@link StoreConfig#EMBEDDED}'s values. */
    static StoreConfig bind(ConfigNode node) {
        node.requireKeys(STORE_KEYS);
        StoreConfig defaults = StoreConfig.EMBEDDED;
        Optional<String> url = node.field("url").flatMap(StoreBinder::jdbcUrl);
        Optional<String> user = node.field("user")
                .flatMap(value -> value.optionalString("must not be blank (leave store.user out for none)"));
        Optional<Secret> password = node.field("password")
                .flatMap(value -> value.optionalSecret("must not be blank (leave store.password out for none)"));
        Path dataDir = node.field("data_dir").map(StoreBinder::directory).orElse(defaults.dataDir());
        return node.build(STORE_KEYS, () -> new StoreConfig(url, user, password, dataDir));
    }

    private static Optional<String> jdbcUrl(ConfigNode node) {
        Optional<String> url = node.optionalString("must not be blank (leave store.url out for the embedded database)");
        url.filter(value -> !value.startsWith("jdbc:postgresql:") && !value.startsWith("jdbc:h2:")).ifPresent(value -> {
            int end = value.length();
            for (String credentialsMayFollow : new String[] {"//", "@", "?", ";"}) {
                int at = value.indexOf(credentialsMayFollow);
                end = at < 0 ? end : Math.min(end, at);
            }
            String shown = end == value.length() ? value : value.substring(0, end) + "...";
            throw node.error("must start with jdbc:postgresql: or jdbc:h2:, was " + ProblemText.quote(shown));
        });
        return url;
    }

    private static Path directory(ConfigNode node) {
        String text = node.nonBlankString();
        try {
            return Path.of(text);
        } catch (InvalidPathException invalid) {
            throw node.error("is not a valid path: " + invalid.getReason());
        }
    }
}
