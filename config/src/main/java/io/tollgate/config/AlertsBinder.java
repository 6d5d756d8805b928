package io.tollgate.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Set;

/** Binds the {@code alerts} section. */
final class AlertsBinder {

    /** Keys allowed under {@code alerts}. */
    static final Set<String> ALERTS_KEYS = Set.of("thresholds", "check_interval_ms", "max_attempts", "webhooks");
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
        return node.build(ALERTS_KEYS, () -> new AlertsConfig(thresholds, interval, attempts, webhooks));
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
