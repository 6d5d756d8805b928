package io.tollgate.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Binds the {@code cache} section. */
final class CacheBinder {

    /** Keys allowed under {@code cache}. */
    static final Set<String> CACHE_KEYS = Set.of("mode", "ttl_s", "threshold", "scope", "max_entries",
            "max_entry_bytes", "max_temperature", "embed", "embedder", "virtual_keys");
    /** Keys allowed under {@code cache.embed}. */
    static final Set<String> EMBED_KEYS = Set.of("input", "turns", "include_system");
    /** Keys allowed under {@code cache.embedder}. */
    static final Set<String> EMBEDDER_KEYS = Set.of("type", "provider", "model", "dimensions");
    /** Keys allowed in one entry of {@code cache.virtual_keys}. */
    static final Set<String> OVERRIDE_KEYS = Set.of("mode", "ttl_s", "threshold", "scope");

    private CacheBinder() {
    }

    static CacheConfig bind(ConfigNode node, Map<String, ProviderConfig> providers) {
        node.requireKeys(CACHE_KEYS);
        CacheConfig defaults = CacheConfig.DEFAULT;
        CacheMode mode = node.field("mode").map(CacheBinder::mode).orElse(defaults.mode());
        long ttl = node.longOr("ttl_s", defaults.ttlSeconds());
        double threshold = node.field("threshold").map(value -> value.decimal().doubleValue())
                .orElse(defaults.threshold());
        CacheScope scope = node.field("scope").map(value -> value.oneOf(CacheScope.values()))
                .orElse(defaults.scope());
        int maxEntries = node.intOr("max_entries", defaults.maxEntries());
        int maxEntryBytes = node.intOr("max_entry_bytes", defaults.maxEntryBytes());
        double maxTemperature = node.field("max_temperature").map(value -> value.decimal().doubleValue())
                .orElse(defaults.maxTemperature());
        CacheConfig.EmbedInput embed = node.field("embed").map(CacheBinder::embed).orElse(defaults.embed());
        CacheConfig.EmbedderConfig embedder = node.field("embedder").map(value -> embedder(value, providers))
                .orElse(defaults.embedder());
        Map<String, CacheConfig.Override> overrides = new LinkedHashMap<>();
        node.field("virtual_keys").ifPresent(keys -> keys.entries()
                .forEach(entry -> overrides.put(entry.getKey(), override(entry.getValue()))));
        return node.build(CACHE_KEYS, () -> new CacheConfig(mode, ttl, threshold, scope, maxEntries, maxEntryBytes,
                maxTemperature, embed, embedder, overrides));
    }

    /** A mode; YAML 1.1 readers turn a bare {@code off} into false, so false means off too. */
    static CacheMode mode(ConfigNode node) {
        return node.isBoolean() && !node.bool() ? CacheMode.OFF : node.oneOf(CacheMode.values());
    }

    private static CacheConfig.Override override(ConfigNode node) {
        node.requireKeys(OVERRIDE_KEYS);
        Optional<CacheMode> mode = node.field("mode").map(CacheBinder::mode);
        Optional<Long> ttl = node.field("ttl_s").map(value -> value.integer(Long.MIN_VALUE, Long.MAX_VALUE));
        Optional<Double> threshold = node.field("threshold").map(value -> value.decimal().doubleValue());
        Optional<CacheScope> scope = node.field("scope").map(value -> value.oneOf(CacheScope.values()));
        return node.build(OVERRIDE_KEYS, () -> new CacheConfig.Override(mode, ttl, threshold, scope));
    }

    private static CacheConfig.EmbedInput embed(ConfigNode node) {
        node.requireKeys(EMBED_KEYS);
        CacheConfig.EmbedInput defaults = CacheConfig.EmbedInput.DEFAULT;
        CacheConfig.EmbedInput.Source source = node.field("input")
                .map(value -> value.oneOf(CacheConfig.EmbedInput.Source.values())).orElse(defaults.source());
        int turns = node.intOr("turns", defaults.turns());
        boolean includeSystem = node.boolOr("include_system", defaults.includeSystem());
        return node.build(EMBED_KEYS, () -> new CacheConfig.EmbedInput(source, turns, includeSystem));
    }

    private static CacheConfig.EmbedderConfig embedder(ConfigNode node, Map<String, ProviderConfig> providers) {
        node.requireKeys(EMBEDDER_KEYS);
        CacheConfig.EmbedderConfig.Type type = node.field("type")
                .map(value -> value.oneOf(CacheConfig.EmbedderConfig.Type.values()))
                .orElse(CacheConfig.EmbedderConfig.Type.LOCAL);
        Optional<String> provider = node.field("provider").map(ConfigNode::nonBlankString);
        provider.ifPresent(name -> {
            if (!providers.containsKey(name)) {
                throw node.errorAt("provider", "names no configured provider: '" + name + "'; configured: "
                        + String.join(", ", providers.keySet()));
            }
        });
        Optional<String> model = node.field("model").map(ConfigNode::nonBlankString);
        Optional<Integer> dimensions = node.field("dimensions").map(ConfigNode::intValue);
        return node.build(EMBEDDER_KEYS, () -> new CacheConfig.EmbedderConfig(type, provider, model, dimensions));
    }
}
