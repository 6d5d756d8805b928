package io.tollgate.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole configuration of a node.
 *
 * @param source where it was read from (a file path, or {@code bundled default})
 * @param server the HTTP listener
 * @param admin management API credentials
 * @param providers upstream providers by name, in file order, disabled ones included
 * @param pricing per-model price overrides keyed {@code provider/model}
 * @param governance virtual keys, budgets and rate limits
 * @param store where definitions and spend are persisted
 * @param cluster how the node joins a cluster; empty for a one-member cluster of its own
 * @param cache the response cache
 * @param logging the request log
 * @param alerts budget alerts and where they go
 * @param reconcile imports of the providers' own usage and cost figures
 * @param logExport shipping the request log to object storage; empty when off
 * @param warnings one line per problem that did not stop the node (for example a provider disabled because its
 *     key variable is unset)
 */
public record TollgateConfig(String source, ServerConfig server, AdminConfig admin,
                             Map<String, ProviderConfig> providers, Map<String, ModelPrice> pricing,
                             GovernanceConfig governance, StoreConfig store, Optional<ClusterConfig> cluster,
                             CacheConfig cache, LoggingConfig logging, AlertsConfig alerts,
                             ReconcileConfig reconcile, Optional<LogExportConfig> logExport,
                             List<String> warnings) {

    public TollgateConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(governance, "governance");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(logging, "logging");
        Objects.requireNonNull(reconcile, "reconcile");
        Objects.requireNonNull(logExport, "logExport");
        providers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(providers));
        pricing = Map.copyOf(pricing);
        warnings = List.copyOf(warnings);
        providers.forEach((key, provider) -> {
            if (!key.equals(provider.name())) {
                throw new IllegalArgumentException(
                        "provider key '" + key + "' does not match its name '" + provider.name() + "'");
            }
        });
    }

    /** The provider with this name, enabled or not. */
    public Optional<ProviderConfig> provider(String name) {
        return Optional.ofNullable(providers.get(name));
    }
}
