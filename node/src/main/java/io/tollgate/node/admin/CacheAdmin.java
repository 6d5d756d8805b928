package io.tollgate.node.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.pricing.Money;
import io.tollgate.cache.CacheStats;
import io.tollgate.cache.ResponseCache;
import io.tollgate.cluster.governance.GovernanceRegistry;
import io.tollgate.config.CacheConfig;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Optional;

/**
 * The cache's management view: {@code GET /api/cache} (this node's counters and replica, the cluster's entry
 * count, the configuration) and {@code DELETE /api/cache[?scope=virtual_key:NAME|team:NAME|customer:NAME]}.
 */
final class CacheAdmin {

    private final ResponseCache cache;
    private final CacheConfig config;
    private final GovernanceRegistry registry;
    private final java.util.function.Supplier<String> nodeUrl;

    CacheAdmin(ResponseCache cache, CacheConfig config, GovernanceRegistry registry,
               java.util.function.Supplier<String> nodeUrl) {
        this.cache = cache;
        this.config = config;
        this.registry = registry;
        this.nodeUrl = nodeUrl;
    }

    ObjectNode stats() {
        CacheStats.Snapshot s = cache.stats();
        ObjectNode out = Json.object();
        out.put("node", nodeUrl.get());
        out.put("mode", config.mode().name().toLowerCase(Locale.ROOT));
        out.put("semantic_available", cache.semanticAvailable());
        out.put("entries", s.entries());
        out.put("indexed", s.indexed());
        out.put("memory_bytes", s.bytes());
        out.put("cluster_entries", cache.clusterSize());
        long lookups = s.exactHits() + s.semanticHits() + s.misses();
        out.put("lookups", lookups);
        out.put("exact_hits", s.exactHits());
        out.put("semantic_hits", s.semanticHits());
        out.put("misses", s.misses());
        out.put("hit_rate", rate(s.exactHits() + s.semanticHits(), lookups));
        out.put("exact_hit_rate", rate(s.exactHits(), lookups));
        out.put("semantic_hit_rate", rate(s.semanticHits(), lookups));
        out.put("stores", s.stores());
        out.put("store_failures", s.storeFailures());
        out.put("embeddings", s.embeddings());
        out.put("embedding_ms_avg", s.embeddings() == 0 ? BigDecimal.ZERO
                : BigDecimal.valueOf(s.embeddingNanos()).divide(BigDecimal.valueOf(s.embeddings() * 1_000_000L), 3,
                RoundingMode.HALF_UP));
        out.put("embedding_failures", s.embeddingFailures());
        out.put("saved_usd", Money.ofNanos(s.savedNanos()).usd().stripTrailingZeros());
        return out;
    }

    ObjectNode clear(Optional<String> scopeParam) {
        Optional<String> scope = scopeParam.map(this::scope);
        int removed = cache.clear(scope);
        ObjectNode out = Json.object();
        out.put("message", scope.isPresent() ? "cache entries of " + scopeParam.get() + " removed"
                : "every cache entry removed");
        out.put("removed", removed);
        return out;
    }

    /** {@code level:name-or-id} to the scope the cache stores entries under. */
    private String scope(String param) {
        int colon = param.indexOf(':');
        if (colon < 1 || colon == param.length() - 1) {
            throw invalid(param);
        }
        String level = param.substring(0, colon);
        String who = param.substring(colon + 1);
        return switch (level) {
            case "virtual_key" -> "vk:" + registry.keys().stream()
                    .filter(k -> k.id().equals(who) || k.name().equals(who)).findFirst()
                    .orElseThrow(() -> notFound("virtual key", who)).id();
            case "team" -> "team:" + registry.teams().stream()
                    .filter(t -> t.id().equals(who) || t.name().equals(who)).findFirst()
                    .orElseThrow(() -> notFound("team", who)).id();
            case "customer" -> "customer:" + registry.customers().stream()
                    .filter(c -> c.id().equals(who) || c.name().equals(who)).findFirst()
                    .orElseThrow(() -> notFound("customer", who)).id();
            default -> throw invalid(param);
        };
    }

    private static BigDecimal rate(long part, long whole) {
        return whole == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4,
                RoundingMode.HALF_UP);
    }

    private static GatewayException invalid(String param) {
        return GatewayException.invalid("scope", "scope must be virtual_key:NAME, team:NAME or customer:NAME "
                + "(a name or an id), was '" + param + "'");
    }

    private static GatewayException notFound(String what, String who) {
        return GatewayException.of(ErrorKind.NOT_FOUND, "No " + what + " named or with id '" + who + "'.");
    }
}
