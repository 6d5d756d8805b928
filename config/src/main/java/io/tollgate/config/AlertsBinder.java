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
            "cost_spike", "email", "pagerduty", "teams");
    /** Keys allowed under {@code alerts.cost_spike}. */
    static final Set<String> SPIKE_KEYS = Set.of("window_minutes", "baseline_minutes", "multiple", "min_usd_per_hour");
    /** Keys allowed under {@code alerts.email}. */
    static final Set<String> EMAIL_KEYS = Set.of("host", "port", "security", "from", "to", "username", "password",
            "timeout_ms", "min_severity", "owners");
    /** An e-mail delivery's timeout when {@code timeout_ms} is absent. */
    static final long DEFAULT_EMAIL_TIMEOUT_MS = 10_000;
    /** Keys allowed in one webhook. */
    static final Set<String> WEBHOOK_KEYS = Set.of("type", "url", "min_severity", "owners");
    /** Keys allowed in one PagerDuty service. */
    static final Set<String> PAGERDUTY_KEYS = Set.of("routing_key", "url", "source", "min_severity", "owners");
    /** Keys allowed in one Teams channel. */
    static final Set<String> TEAMS_KEYS = Set.of("url", "min_severity", "owners");
    /** Keys allowed in one element of a channel's {@code owners}: exactly one of them. */
    static final Set<String> OWNER_KEYS = Set.of("customer", "team", "virtual_key");

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
        List<AlertsConfig.PagerDuty> pagerduty = node.field("pagerduty").map(list -> list.list().stream()
                .map(AlertsBinder::pagerduty).toList()).orElse(List.of());
        List<AlertsConfig.Teams> teams = node.field("teams").map(list -> list.list().stream()
                .map(AlertsBinder::teams).toList()).orElse(List.of());
        return node.build(ALERTS_KEYS, () -> new AlertsConfig(thresholds, interval, attempts, webhooks, spike, email,
                pagerduty, teams));
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
        AlertRoute route = route(node);
        return node.build(EMAIL_KEYS, () -> new AlertsConfig.Email(host, port, security, from, to, username,
                password, timeout, route));
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
        URI url = url(node.required("url"));
        AlertRoute route = route(node);
        return node.build(WEBHOOK_KEYS, () -> new AlertsConfig.Webhook(type, url, route));
    }

    /**
     * Binds one element of {@code alerts.pagerduty}. The routing key is a secret (an unset variable in it is an error
     * naming the variable, never the value); {@code url} defaults to PagerDuty's Events API v2 endpoint.
     */
    private static AlertsConfig.PagerDuty pagerduty(ConfigNode node) {
        node.requireKeys(PAGERDUTY_KEYS);
        ConfigNode keyNode = node.required("routing_key");
        Secret routingKey = keyNode.optionalSecret("must not be blank")
                .orElseThrow(() -> keyNode.error("must not be blank"));
        URI url = node.field("url").map(AlertsBinder::url).orElse(AlertsConfig.PagerDuty.EVENTS_URL);
        String source = node.field("source").map(ConfigNode::nonBlankString)
                .orElse(AlertsConfig.PagerDuty.DEFAULT_SOURCE);
        AlertRoute route = route(node);
        return node.build(PAGERDUTY_KEYS, () -> new AlertsConfig.PagerDuty(routingKey, url, source, route));
    }

    /** Binds one element of {@code alerts.teams}. */
    private static AlertsConfig.Teams teams(ConfigNode node) {
        node.requireKeys(TEAMS_KEYS);
        URI url = url(node.required("url"));
        AlertRoute route = route(node);
        return node.build(TEAMS_KEYS, () -> new AlertsConfig.Teams(url, route));
    }

    private static URI url(ConfigNode node) {
        try {
            return new URI(node.nonBlankString());
        } catch (URISyntaxException e) {
            throw node.error("must be a URL: " + e.getReason());
        }
    }

    /** A channel's {@code min_severity} (default info) and {@code owners} (default: everyone's alerts). */
    private static AlertRoute route(ConfigNode node) {
        AlertSeverity min = node.field("min_severity").map(value -> value.oneOf(AlertSeverity.values()))
                .orElse(AlertSeverity.INFO);
        List<AlertRoute.Owner> owners = node.field("owners").map(AlertsBinder::owners).orElse(List.of());
        return new AlertRoute(min, owners);
    }

    private static List<AlertRoute.Owner> owners(ConfigNode node) {
        List<ConfigNode> elements = node.list();
        if (elements.isEmpty()) {
            throw node.error("must list at least one owner (leave owners out for every owner's alerts)");
        }
        return elements.stream().map(element -> {
            element.requireKeys(OWNER_KEYS);
            var fields = element.entries();
            if (fields.size() != 1) {
                throw element.error("must name exactly one owner: {customer: NAME_OR_ID}, {team: NAME_OR_ID} or "
                        + "{virtual_key: NAME_OR_ID}, was " + fields.size() + " entries");
            }
            AlertRoute.Owner.Level level = AlertRoute.Owner.Level.valueOf(
                    fields.getFirst().getKey().toUpperCase(java.util.Locale.ROOT));
            return new AlertRoute.Owner(level, fields.getFirst().getValue().nonBlankString());
        }).toList();
    }
}
