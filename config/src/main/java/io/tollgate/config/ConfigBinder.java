package io.tollgate.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Binds a parsed document to a {@link TollgateConfig}: the top level, {@code server} and {@code admin}; providers,
 * pricing, governance, the store, the cache and
 * the request log have their own binders. Every section's allowed keys are declared once, here or in its binder.
 */
final class ConfigBinder {

    /** Keys allowed at the top of the file. */
    static final Set<String> TOP_LEVEL_KEYS = Set.of("server", "admin", "providers", "pricing", "governance", "store",
            "cluster", "cache", "logging", "alerts", "reconcile", "log_export");
    /** Keys allowed under {@code server}. */
    static final Set<String> SERVER_KEYS = Set.of("host", "port", "max_body_bytes", "pass_through", "tls",
            "header_timeout_ms", "body_timeout_ms", "idle_timeout_ms");
    /** Keys allowed under {@code admin}. */
    static final Set<String> ADMIN_KEYS = Set.of("token", "login_failures_per_minute");

    private ConfigBinder() {
    }

    /** Binds the whole document; {@code source} names it in the result. */
    static TollgateConfig bind(ConfigNode root, String source) {
        root.requireKeys(TOP_LEVEL_KEYS);
        List<String> warnings = new ArrayList<>();
        ServerConfig server = root.field("server").map(ConfigBinder::server).orElse(ServerConfig.DEFAULT);
        if (server.passThrough()) {
            warnings.add("server.pass_through is on: requests are only routed and relayed, without authentication,"
                    + " budgets, rate limits, cache, accounting, request log or request metrics (a benchmark"
                    + " baseline, never for production)");
        }
        AdminConfig admin = root.field("admin").map(node -> admin(node, warnings)).orElse(AdminConfig.NONE);
        Map<String, ProviderConfig> providers = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigNode> entry : root.field("providers").map(ConfigNode::entries).orElse(List.of())) {
            providers.put(entry.getKey(), ProviderBinder.bind(entry.getKey(), entry.getValue(), warnings));
        }
        Map<String, ModelPrice> pricing = root.field("pricing")
                .map(node -> PricingBinder.bind(node, providers.keySet()))
                .orElse(Map.of());
        GovernanceConfig governance = root.field("governance")
                .map(node -> GovernanceBinder.bind(node, providers))
                .orElse(GovernanceConfig.DEFAULT);
        StoreConfig store = root.field("store").map(StoreBinder::bind).orElse(StoreConfig.EMBEDDED);
        Optional<ClusterConfig> cluster = root.field("cluster").map(node -> ClusterBinder.bind(node, store));
        CacheConfig cache = root.field("cache").map(node -> CacheBinder.bind(node, providers))
                .orElse(CacheConfig.DEFAULT);
        LoggingConfig logging = root.field("logging").map(LoggingBinder::bind).orElse(LoggingConfig.DEFAULT);
        return new TollgateConfig(source, server, admin, providers, pricing, governance, store, cluster, cache,
                logging, root.field("alerts").map(AlertsBinder::bind).orElse(AlertsConfig.DEFAULT),
                root.field("reconcile").map(node -> ReconcileBinder.bind(node, providers, warnings))
                        .orElse(ReconcileConfig.DEFAULT),
                root.field("log_export").flatMap(node -> LogExportBinder.bind(node, warnings)), warnings);
    }

    private static ServerConfig server(ConfigNode node) {
        node.requireKeys(SERVER_KEYS);
        ServerConfig defaults = ServerConfig.DEFAULT;
        String host = node.field("host").map(ConfigNode::string).orElse(defaults.host());
        int port = node.intOr("port", defaults.port());
        long maxBodyBytes = node.longOr("max_body_bytes", defaults.maxBodyBytes());
        boolean passThrough = node.boolOr("pass_through", defaults.passThrough());
        Optional<TlsConfig> tls = node.field("tls").map(TlsBinder::bind);
        ServerConfig.Timeouts timeouts = defaults.timeouts();
        long headerMs = node.longOr("header_timeout_ms", timeouts.headerMs());
        long bodyMs = node.longOr("body_timeout_ms", timeouts.bodyMs());
        long idleMs = node.longOr("idle_timeout_ms", timeouts.idleMs());
        return node.build(SERVER_KEYS, () -> new ServerConfig(host, port, maxBodyBytes, passThrough, tls,
                new ServerConfig.Timeouts(headerMs, bodyMs, idleMs)));
    }

    /**
     * An unset (or empty) variable in {@code token} leaves the management API without a token and adds a warning;
     * a token that resolves to empty through a fallback ({@code ${NAME:-}}) means no token, silently.
     */
    private static AdminConfig admin(ConfigNode node, List<String> warnings) {
        node.requireKeys(ADMIN_KEYS);
        int failures = node.field("login_failures_per_minute").map(value -> (int) value.integer(1, 1_000_000))
                .orElse(AdminConfig.DEFAULT_LOGIN_FAILURES_PER_MINUTE);
        Optional<ConfigNode> token = node.field("token");
        if (token.isEmpty()) {
            return new AdminConfig(Optional.empty(), failures);
        }
        EnvSubstitution.Result value = token.get().secret();
        if (!value.unset().isEmpty()) {
            warnings.add("admin token disabled: environment variable " + value.unset().getFirst()
                    + " is not set, so only admin tokens created through the API (if any) are accepted");
            return new AdminConfig(Optional.empty(), failures);
        }
        if (value.text().isBlank()) {
            if (value.variables().isEmpty()) {
                throw token.get().error("must not be blank (leave admin.token out for no token)");
            }
            return new AdminConfig(Optional.empty(), failures);
        }
        return new AdminConfig(Optional.of(new Secret(value.text())), failures);
    }
}
