package io.tollgate.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Binds the {@code alerts} section. */
final class AlertsBinder {

    /** Keys allowed under {@code alerts}. */
    static final Set<String> ALERTS_KEYS = Set.of("thresholds", "check_interval_ms", "max_attempts", "webhooks",
            "cost_spike", "email");
    /** Keys allowed under {@code alerts.cost_spike}. */
    static final Set<String> SPIKE_KEYS = Set.of("window_minutes", "baseline_minutes", "multiple", "min_usd_per_hour");
    /** Keys allowed under {@code alerts.email}. */
    static final Set<String> EMAIL_KEYS = Set.of("host", "port", "security", "from", "to", "username", "password",
            "timeout_ms");
    /** An e-mail delivery's timeout when {@code timeout_ms} is absent. */
    static final long DEFAULT_EMAIL_TIMEOUT_MS = 10_000;
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
        Optional<AlertsConfig.CostSpike> spike = node.field("cost_spike").map(AlertsBinder::spike);
        Optional<AlertsConfig.Email> email = node.field("email").map(AlertsBinder::email);
        return node.build(ALERTS_KEYS, () -> new AlertsConfig(thresholds, interval, attempts, webhooks, spike, email));
    }

    /**
     * Binds {@code alerts.email}. {@code security} defaults to STARTTLS and {@code port} to the security's usual
     * port; the password is a secret (an unset variable in it is an error naming the variable, never the value).
     */
    private static AlertsConfig.Email email(ConfigNode node) {
        node.requireKeys(EMAIL_KEYS);
        String host = node.required("host").nonBlankString();
        AlertsConfig.Email.Security security = node.field("security")
                .map(value -> value.oneOf(AlertsConfig.Email.Security.values()))
                .orElse(AlertsConfig.Email.Security.STARTTLS);
        int port = node.intOr("port", security.defaultPort());
        String from = node.required("from").nonBlankString();
        ConfigNode toNode = node.required("to");
        List<String> to = toNode.list().stream().map(ConfigNode::nonBlankString).toList();
        Optional<String> username = node.field("username")
                .flatMap(value -> value.optionalString("must not be blank (leave alerts.email.username out for none)"));
        Optional<Secret> password = node.field("password")
                .flatMap(value -> value.optionalSecret("must not be blank (leave alerts.email.password out for none)"));
        long timeout = node.longOr("timeout_ms", DEFAULT_EMAIL_TIMEOUT_MS);
        return node.build(EMAIL_KEYS, () -> new AlertsConfig.Email(host, port, security, from, to, username,
                password, timeout));
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
