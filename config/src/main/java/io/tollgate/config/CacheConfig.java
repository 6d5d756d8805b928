package io.tollgate.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The response cache ({@code cache} section): off unless the configuration or a request turns it on.
 *
 * @param mode the mode of keys without an override of their own
 * @param ttlSeconds how long an entry lives
 * @param threshold the least cosine similarity (-1..1) a semantic hit needs
 * @param scope who shares entries
 * @param maxEntries the most entries each member holds (least recently used go first)
 * @param maxEntryBytes answers larger than this are not stored
 * @param maxTemperature requests with a higher temperature are not cached unless forced
 * @param embed which part of the conversation is embedded for the semantic path
 * @param embedder what embeds it
 * @param virtualKeys overrides by virtual key name
 */
public record CacheConfig(CacheMode mode, long ttlSeconds, double threshold, CacheScope scope, int maxEntries,
                          int maxEntryBytes, double maxTemperature, EmbedInput embed, EmbedderConfig embedder,
                          Map<String, Override> virtualKeys) {

    /** Off; one hour, 0.85, per key, 10,000 entries of at most 1 MiB, temperature up to 1, last user message. */
    public static final CacheConfig DEFAULT = new CacheConfig(CacheMode.OFF, 3600, 0.85, CacheScope.VIRTUAL_KEY,
            10_000, 1 << 20, 1.0, EmbedInput.DEFAULT, EmbedderConfig.LOCAL, Map.of());

    public CacheConfig {
        Objects.requireNonNull(mode, "mode");
        checkTtl("ttl_s", ttlSeconds);
        checkThreshold("threshold", threshold);
        Objects.requireNonNull(scope, "scope");
        if (maxEntries < 1) {
            throw new IllegalArgumentException("max_entries must be at least 1, was " + maxEntries);
        }
        if (maxEntryBytes < 1024) {
            throw new IllegalArgumentException("max_entry_bytes must be at least 1024, was " + maxEntryBytes);
        }
        if (!(maxTemperature >= 0 && maxTemperature <= 2)) {
            throw new IllegalArgumentException("max_temperature must be between 0 and 2, was " + maxTemperature);
        }
        Objects.requireNonNull(embed, "embed");
        Objects.requireNonNull(embedder, "embedder");
        virtualKeys = Map.copyOf(virtualKeys);
    }

    /** The settings for one virtual key: its override where it has one, else these. */
    public Settings settingsFor(String virtualKeyName) {
        Optional<Override> override = Optional.ofNullable(virtualKeys.get(virtualKeyName));
        return new Settings(override.flatMap(Override::mode).orElse(mode),
                override.flatMap(Override::ttlSeconds).orElse(ttlSeconds),
                override.flatMap(Override::threshold).orElse(threshold),
                override.flatMap(Override::scope).orElse(scope));
    }

    /** The settings without a virtual key (governance off). */
    public Settings defaults() {
        return new Settings(mode, ttlSeconds, threshold, scope);
    }

    static void checkTtl(String key, long ttlSeconds) {
        if (ttlSeconds < 1 || ttlSeconds > 30L * 24 * 3600) {
            throw new IllegalArgumentException(key + " must be between 1 and 2592000 (30 days), was " + ttlSeconds);
        }
    }

    static void checkThreshold(String key, double threshold) {
        if (!(threshold >= -1 && threshold <= 1)) {
            throw new IllegalArgumentException(key + " must be between -1 and 1, was " + threshold);
        }
    }

    /**
     * The effective settings of a request before its headers.
     *
     * @param mode off, exact or semantic
     * @param ttlSeconds entry lifetime
     * @param threshold least similarity of a semantic hit
     * @param scope who shares entries
     */
    public record Settings(CacheMode mode, long ttlSeconds, double threshold, CacheScope scope) {
        public Settings {
            Objects.requireNonNull(mode, "mode");
            checkTtl("ttl_s", ttlSeconds);
            checkThreshold("threshold", threshold);
            Objects.requireNonNull(scope, "scope");
        }
    }

    /**
     * One virtual key's override; what it leaves empty comes from the section.
     *
     * @param mode its mode
     * @param ttlSeconds its entry lifetime
     * @param threshold its similarity threshold
     * @param scope who shares its entries
     */
    public record Override(Optional<CacheMode> mode, Optional<Long> ttlSeconds, Optional<Double> threshold,
                           Optional<CacheScope> scope) {
        public Override {
            Objects.requireNonNull(mode, "mode");
            ttlSeconds.ifPresent(ttl -> checkTtl("ttl_s", ttl));
            threshold.ifPresent(value -> checkThreshold("threshold", value));
            Objects.requireNonNull(scope, "scope");
        }
    }

    /**
     * Which part of the conversation the semantic path embeds; every other part of the request must match
     * exactly for a hit.
     *
     * @param source the last user message, or the last {@code turns} messages
     * @param turns how many messages {@code last_turns} embeds
     * @param includeSystem whether the system prompt is embedded with them (when not, it must match exactly)
     */
    public record EmbedInput(Source source, int turns, boolean includeSystem) {

        /** The last user message alone. */
        public static final EmbedInput DEFAULT = new EmbedInput(Source.LAST_USER, 3, false);

        public EmbedInput {
            Objects.requireNonNull(source, "source");
            if (turns < 1 || turns > 50) {
                throw new IllegalArgumentException("turns must be between 1 and 50, was " + turns);
            }
        }

        /** What is embedded. */
        public enum Source {
            /** The last message with the user role. */
            LAST_USER,
            /** The last {@code turns} messages. */
            LAST_TURNS
        }
    }

    /**
     * What turns text into vectors.
     *
     * @param type the local model or a provider's embeddings endpoint
     * @param provider the provider, for {@code provider}
     * @param model the provider's embedding model, for {@code provider}
     * @param dimensions the vectors' length, for {@code provider} (sent as the request's {@code dimensions})
     */
    public record EmbedderConfig(Type type, Optional<String> provider, Optional<String> model,
                                 Optional<Integer> dimensions) {

        /** The in-process all-MiniLM-L6-v2 (quantized); nothing leaves the node. */
        public static final EmbedderConfig LOCAL = new EmbedderConfig(Type.LOCAL, Optional.empty(), Optional.empty(),
                Optional.empty());

        public EmbedderConfig {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(dimensions, "dimensions");
            if (type == Type.PROVIDER && (provider.isEmpty() || model.isEmpty() || dimensions.isEmpty())) {
                throw new IllegalArgumentException("provider, model and dimensions are required when type is "
                        + "provider");
            }
            dimensions.ifPresent(d -> {
                if (d < 2 || d > 4096) {
                    throw new IllegalArgumentException("dimensions must be between 2 and 4096, was " + d);
                }
            });
        }

        /** Where embeddings come from. */
        public enum Type {
            /** In process. */
            LOCAL,
            /** A configured provider's {@code /v1/embeddings}. */
            PROVIDER
        }
    }
}
