package io.tollgate.node.pipeline;

import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.cache.key.CanonicalJson;
import io.tollgate.cluster.governance.GovernanceRegistry;
import io.tollgate.cluster.governance.VirtualKey;
import io.tollgate.config.CacheConfig;
import io.tollgate.config.CacheMode;
import io.tollgate.config.CacheScope;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

/**
 * One request's cache settings: the configuration's (the virtual key's override, else the section's), then the
 * request's {@code x-tollgate-cache-*} headers, which win. A malformed header is the client's error (400).
 *
 * @param mode off, exact or semantic
 * @param ttlSeconds the lifetime of a stored answer
 * @param threshold the least similarity of a semantic hit
 * @param scope who may share the answer: never crossed
 * @param store false when the client asked not to store ({@code x-tollgate-cache-no-store})
 * @param forced true when the client asked to cache a non-deterministic request ({@code x-tollgate-cache-force})
 */
record CacheControls(CacheMode mode, long ttlSeconds, double threshold, String scope, boolean store, boolean forced) {

    static final String MODE = "x-tollgate-cache-mode";
    static final String TTL = "x-tollgate-cache-ttl";
    static final String THRESHOLD = "x-tollgate-cache-threshold";
    static final String NO_STORE = "x-tollgate-cache-no-store";
    static final String FORCE = "x-tollgate-cache-force";
    static final String KEY = "x-tollgate-cache-key";
    /** The request headers the cache reads (kept by the HTTP layer). */
    static final String[] HEADERS = {MODE, TTL, THRESHOLD, NO_STORE, FORCE, KEY};

    static CacheControls of(Exchange exchange, CacheConfig config, GovernanceRegistry registry) {
        Optional<VirtualKey> key = exchange.governed().map(Governed::key);
        CacheConfig.Settings settings = key.map(k -> config.settingsFor(k.name())).orElseGet(config::defaults);
        CacheMode mode = exchange.header(MODE).map(CacheControls::mode).orElse(settings.mode());
        if (mode == CacheMode.OFF) {
            return new CacheControls(mode, settings.ttlSeconds(), settings.threshold(), "", false, false);
        }
        long ttl = exchange.header(TTL).map(CacheControls::ttl).orElse(settings.ttlSeconds());
        double threshold = exchange.header(THRESHOLD).map(CacheControls::threshold).orElse(settings.threshold());
        String scope = scope(key, settings.scope(), registry)
                + exchange.header(KEY).map(value -> "|" + CanonicalJson.sha256(value).substring(0, 24)).orElse("");
        return new CacheControls(mode, ttl, threshold, scope, !flag(exchange, NO_STORE), flag(exchange, FORCE));
    }

    /** The scope of a key: itself, its team or its customer; a key without that owner keeps its own. */
    static String scope(Optional<VirtualKey> key, CacheScope scope, GovernanceRegistry registry) {
        if (key.isEmpty()) {
            return "anonymous";
        }
        VirtualKey k = key.get();
        return switch (scope) {
            case VIRTUAL_KEY -> "vk:" + k.id();
            case TEAM -> k.teamId().map(team -> "team:" + team).orElse("vk:" + k.id());
            case CUSTOMER -> k.customerId()
                    .or(() -> k.teamId().flatMap(registry::team).flatMap(t -> t.customerId()))
                    .map(customer -> "customer:" + customer)
                    .orElse("vk:" + k.id());
        };
    }

    private static boolean flag(Exchange exchange, String name) {
        return exchange.header(name).map(value -> switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw invalid(name, value, "true or false");
        }).orElse(false);
    }

    private static CacheMode mode(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "off" -> CacheMode.OFF;
            case "exact" -> CacheMode.EXACT;
            case "semantic" -> CacheMode.SEMANTIC;
            default -> throw invalid(MODE, value, "off, exact or semantic");
        };
    }

    private static long ttl(String value) {
        try {
            long seconds = Long.parseLong(value.strip());
            if (seconds >= 1 && seconds <= 30L * 24 * 3600) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(TTL, value, "a whole number of seconds from 1 to 2592000");
    }

    private static double threshold(String value) {
        try {
            BigDecimal number = new BigDecimal(value.strip());
            if (number.compareTo(BigDecimal.ONE.negate()) >= 0 && number.compareTo(BigDecimal.ONE) <= 0) {
                return number.doubleValue();
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(THRESHOLD, value, "a number from -1 to 1");
    }

    private static GatewayException invalid(String header, String value, String expected) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return GatewayException.of(ErrorKind.INVALID_REQUEST, "Header " + header + " must be " + expected
                + ", was '" + shown + "'.").withCode("invalid_cache_header");
    }
}
