package io.tollgate.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Binds the {@code reconcile} section. */
final class ReconcileBinder {

    /** Keys allowed under {@code reconcile}. */
    static final Set<String> RECONCILE_KEYS = Set.of("interval_ms", "lookback_days", "timeout_ms",
            "max_invoice_bytes", "sources");
    /** Keys allowed in one source. */
    static final Set<String> SOURCE_KEYS = Set.of("provider", "type", "admin_key", "base_url");

    private ReconcileBinder() {
    }

    /**
     * Binds the section. A source whose {@code admin_key} names an unset variable is left out with a warning (the
     * rest of the gateway still starts); its provider must be configured, and {@code type} defaults to the
     * provider's type when that is {@code openai} or {@code anthropic}.
     */
    static ReconcileConfig bind(ConfigNode node, Map<String, ProviderConfig> providers, List<String> warnings) {
        node.requireKeys(RECONCILE_KEYS);
        ReconcileConfig defaults = ReconcileConfig.DEFAULT;
        long interval = node.longOr("interval_ms", defaults.intervalMs());
        int lookback = node.intOr("lookback_days", defaults.lookbackDays());
        long timeout = node.longOr("timeout_ms", defaults.timeoutMs());
        int maxInvoice = node.intOr("max_invoice_bytes", defaults.maxInvoiceBytes());
        List<ReconcileConfig.Source> sources = new ArrayList<>();
        for (ConfigNode source : node.field("sources").map(ConfigNode::list).orElse(List.of())) {
            source(source, providers, warnings).ifPresent(sources::add);
        }
        return node.build(RECONCILE_KEYS, () -> new ReconcileConfig(interval, lookback, timeout, maxInvoice,
                sources));
    }

    private static Optional<ReconcileConfig.Source> source(ConfigNode node, Map<String, ProviderConfig> providers,
                                                           List<String> warnings) {
        node.requireKeys(SOURCE_KEYS);
        ConfigNode providerNode = node.required("provider");
        String provider = providerNode.nonBlankString();
        ProviderConfig config = providers.get(provider);
        if (config == null) {
            throw providerNode.error("no provider named '" + provider + "' is configured");
        }
        ReconcileConfig.Type type = node.field("type").map(value -> value.oneOf(ReconcileConfig.Type.values()))
                .orElseGet(() -> switch (config.type()) {
                    case OPENAI -> ReconcileConfig.Type.OPENAI;
                    case ANTHROPIC -> ReconcileConfig.Type.ANTHROPIC;
                    default -> throw node.errorAt("type", "required for provider '" + provider + "' of type "
                            + config.type().name().toLowerCase(java.util.Locale.ROOT) + "; one of openai, anthropic");
                });
        URI baseUrl = node.field("base_url").map(ReconcileBinder::url).orElse(type.defaultBaseUrl());
        ConfigNode keyNode = node.required("admin_key");
        EnvSubstitution.Result key = keyNode.secret();
        if (!key.unset().isEmpty()) {
            warnings.add("reconcile source '" + provider + "' disabled: environment variable "
                    + key.unset().getFirst() + " is not set");
            return Optional.empty();
        }
        if (key.text().isBlank()) {
            throw keyNode.error("must not be blank");
        }
        return Optional.of(node.build(SOURCE_KEYS, () -> new ReconcileConfig.Source(provider, type,
                new Secret(key.text()), baseUrl)));
    }

    private static URI url(ConfigNode node) {
        try {
            String text = node.nonBlankString();
            return new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (URISyntaxException e) {
            throw node.error("must be a URL: " + e.getReason());
        }
    }
}
