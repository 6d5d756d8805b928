package io.tollgate.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Set;

/** Binds the {@code alerts} section. */
final class AlertsBinder {

    /** Keys allowed under {@code alerts}. */
    static final Set<String> ALERTS_KEYS = Set.of("thresholds", "check_interval_ms", "max_attempts", "webhooks",
            "cost_spike");
    /** Keys allowed under {@code alerts.cost_spike}. */
    static final Set<String> SPIKE_KEYS = Set.of("window_minutes", "baseline_minutes", "multiple", "min_usd_per_hour");
    /** Keys allowed in one webhook. */
    static final Set<String> WEBHOOK_KEYS = Set.of("type", "url");

    private AlertsBinder() {
    }

    static AlertsConfig bind(ConfigNode node) {
        node.requireKeys(ALERTS_KEYS);
        AlertsConfig defaults = AlertsConfig.DEFAULT;
        List<Integer> thresholds = node.field("thresholds")
                .map(list -> list.list().stream().map(ConfigNode::intValue).toList())
                .orElse(defaults.thresholds());
        long interval = node.longOr("check_interval_ms", defaults.checkIntervalMs());
        int attempts = node.intOr("max_attempts", defaults.maxAttempts());
        List<AlertsConfig.Webhook> webhooks = node.field("webhooks").map(list -> list.list().stream()
                .map(AlertsBinder::webhook).toList()).orElse(List.of());
        java.util.Optional<AlertsConfig.CostSpike> spike = node.field("cost_spike").map(AlertsBinder::spike);
        return node.build(ALERTS_KEYS, () -> new AlertsConfig(thresholds, interval, attempts, webhooks, spike));
    }

    private static AlertsConfig.CostSpike spike(ConfigNode node) {
        node.requireKeys(SPIKE_KEYS);
        int window = node.intOr("window_minutes", 5);
        int baseline = node.intOr("baseline_minutes", 60);
        java.math.BigDecimal multiple = node.field("multiple").map(ConfigNode::decimal)
                .orElse(java.math.BigDecimal.valueOf(3));
        java.math.BigDecimal floor = node.field("min_usd_per_hour").map(ConfigNode::decimal)
                .orElse(java.math.BigDecimal.ONE);
        return node.build(SPIKE_KEYS, () -> new AlertsConfig.CostSpike(window, baseline, multiple, floor));
    }

    private static AlertsConfig.Webhook webhook(ConfigNode node) {
        node.requireKeys(WEBHOOK_KEYS);
        AlertsConfig.Webhook.Type type = node.field("type")
                .map(value -> value.oneOf(AlertsConfig.Webhook.Type.values()))
                .orElse(AlertsConfig.Webhook.Type.JSON);
        ConfigNode urlNode = node.required("url");
        URI url;
        try {
            url = new URI(urlNode.nonBlankString());
        } catch (URISyntaxException e) {
            throw urlNode.error("must be a URL: " + e.getReason());
        }
        return node.build(WEBHOOK_KEYS, () -> new AlertsConfig.Webhook(type, url));
    }
}
