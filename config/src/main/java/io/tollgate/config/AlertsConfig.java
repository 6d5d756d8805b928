package io.tollgate.config;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Alerts ({@code alerts} section): budget thresholds and where alerts go. Each alert is sent once for the whole
 * cluster per threshold and budget period.
 *
 * @param thresholds percents of a budget's limit that alert, ascending (default 50, 80, 90, 100)
 * @param checkIntervalMs how often a node looks at the budgets (off the request path)
 * @param maxAttempts deliveries tried per alert and channel (webhook or e-mail) before giving up (with exponential
 *     backoff)
 * @param webhooks where alerts go over HTTP
 * @param costSpike when the cluster's spend rate alerts; empty: never
 * @param email where alerts go by e-mail
 * @param pagerduty PagerDuty services alerts go to (Events API v2), each with its own routing key
 * @param teams Microsoft Teams channels alerts go to (incoming webhooks); with no channel at all, alerts are only
 *     logged
 */
public record AlertsConfig(List<Integer> thresholds, long checkIntervalMs, int maxAttempts, List<Webhook> webhooks,
                           Optional<CostSpike> costSpike, Optional<Email> email, List<PagerDuty> pagerduty,
                           List<Teams> teams) {

    /** 50, 80, 90 and 100%, checked every 5 seconds, 8 attempts, logged only, no cost-spike alert. */
    public static final AlertsConfig DEFAULT = new AlertsConfig(List.of(50, 80, 90, 100), 5_000, 8, List.of());

    /** Without a cost-spike alert or e-mail. */
    public AlertsConfig(List<Integer> thresholds, long checkIntervalMs, int maxAttempts, List<Webhook> webhooks) {
        this(thresholds, checkIntervalMs, maxAttempts, webhooks, Optional.empty());
    }

    /** Without e-mail. */
    public AlertsConfig(List<Integer> thresholds, long checkIntervalMs, int maxAttempts, List<Webhook> webhooks,
                        Optional<CostSpike> costSpike) {
        this(thresholds, checkIntervalMs, maxAttempts, webhooks, costSpike, Optional.empty());
    }

    /** Without PagerDuty or Teams. */
    public AlertsConfig(List<Integer> thresholds, long checkIntervalMs, int maxAttempts, List<Webhook> webhooks,
                        Optional<CostSpike> costSpike, Optional<Email> email) {
        this(thresholds, checkIntervalMs, maxAttempts, webhooks, costSpike, email, List.of(), List.of());
    }

    public AlertsConfig {
        thresholds = List.copyOf(thresholds);
        for (int i = 0; i < thresholds.size(); i++) {
            int t = thresholds.get(i);
            if (t < 1 || t > 1000) {
                throw new IllegalArgumentException("thresholds must be percents from 1 to 1000, was " + t);
            }
            if (i > 0 && t <= thresholds.get(i - 1)) {
                throw new IllegalArgumentException("thresholds must be ascending without repeats, was " + thresholds);
            }
        }
        if (checkIntervalMs < 100) {
            throw new IllegalArgumentException("check_interval_ms must be at least 100, was " + checkIntervalMs);
        }
        if (maxAttempts < 1 || maxAttempts > 50) {
            throw new IllegalArgumentException("max_attempts must be between 1 and 50, was " + maxAttempts);
        }
        webhooks = List.copyOf(webhooks);
        Objects.requireNonNull(costSpike, "costSpike");
        Objects.requireNonNull(email, "email");
        pagerduty = List.copyOf(pagerduty);
        teams = List.copyOf(teams);
    }

    /** True when alerts go somewhere over HTTP (a webhook, PagerDuty, Teams). */
    public boolean hasHttpChannels() {
        return !webhooks.isEmpty() || !pagerduty.isEmpty() || !teams.isEmpty();
    }

    /**
     * A cost spike: the whole cluster's spend over the last {@code windowMinutes} is more than {@code multiple} times
     * its average over the {@code baselineMinutes} before, and at least {@code minUsdPerHour} as an hourly rate.
     *
     * @param windowMinutes the recent window
     * @param baselineMinutes the window it is compared with
     * @param multiple how many times the baseline's rate counts as a spike
     * @param minUsdPerHour spend rates below this never alert (cents are not a spike)
     */
    public record CostSpike(int windowMinutes, int baselineMinutes, java.math.BigDecimal multiple,
                            java.math.BigDecimal minUsdPerHour) {
        public CostSpike {
            if (windowMinutes < 1 || windowMinutes > 1440) {
                throw new IllegalArgumentException("window_minutes must be between 1 and 1440, was " + windowMinutes);
            }
            if (baselineMinutes < windowMinutes) {
                throw new IllegalArgumentException("baseline_minutes must be at least window_minutes ("
                        + windowMinutes + "), was " + baselineMinutes);
            }
            if (multiple.compareTo(java.math.BigDecimal.ONE) <= 0) {
                throw new IllegalArgumentException("multiple must be above 1, was " + multiple);
            }
            if (minUsdPerHour.signum() < 0) {
                throw new IllegalArgumentException("min_usd_per_hour must not be negative, was " + minUsdPerHour);
            }
        }
    }

    /**
     * Checks that {@code url} is http or https, naming it as the key {@code url}; the message shows the URL only when
     * {@code showValue} (a Teams URL is a credential: then only its scheme).
     */
    private static void requireHttp(URI url, boolean showValue) {
        Objects.requireNonNull(url, "url");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("url must be an http or https URL, was " + (showValue ? "'" + url + "'"
                    : url.getScheme() == null ? "one without a scheme" : "a " + url.getScheme() + " URL"));
        }
    }

    /**
     * One webhook.
     *
     * @param type the body's shape: Slack's incoming-webhook {@code {"text": ...}} or Tollgate's JSON
     * @param url where it is POSTed
     * @param route which alerts it takes
     */
    public record Webhook(Type type, URI url, AlertRoute route) {
        public Webhook {
            Objects.requireNonNull(type, "type");
            requireHttp(url, true);
            Objects.requireNonNull(route, "route");
        }

        /** A webhook that takes every alert. */
        public Webhook(Type type, URI url) {
            this(type, url, AlertRoute.ALL);
        }

        /** A webhook's body shape. */
        public enum Type {
            /** {@code {"text": "..."}}, which Slack, Mattermost and others accept. */
            SLACK,
            /** Tollgate's alert as JSON. */
            JSON
        }
    }

    /**
     * E-mail over SMTP: every alert goes to every address in {@code to}, as one message. The password is a
     * {@link Secret} and never appears in {@link #toString()}.
     *
     * @param host the SMTP server
     * @param port its port, 1 to 65535 (usually 25 for none, 587 for STARTTLS, 465 for TLS)
     * @param security how the connection is protected
     * @param from the sender's address
     * @param to the recipients, at least one
     * @param username the SMTP user; empty: no authentication
     * @param password the SMTP password, only with a username
     * @param timeoutMs connect, read and write timeout of one delivery
     * @param route which alerts it takes
     */
    public record Email(String host, int port, Security security, String from, List<String> to,
                        Optional<String> username, Optional<Secret> password, long timeoutMs, AlertRoute route) {

        /** E-mail that takes every alert. */
        public Email(String host, int port, Security security, String from, List<String> to,
                     Optional<String> username, Optional<Secret> password, long timeoutMs) {
            this(host, port, security, from, to, username, password, timeoutMs, AlertRoute.ALL);
        }

        public Email {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(security, "security");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            to = List.copyOf(to);
            if (host.isBlank()) {
                throw new IllegalArgumentException("host must not be blank");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
            }
            requireAddress("from", from);
            if (to.isEmpty()) {
                throw new IllegalArgumentException("to must list at least one address");
            }
            for (int i = 0; i < to.size(); i++) {
                requireAddress("to[" + i + "]", to.get(i));
            }
            if (username.isPresent() && username.get().isBlank()) {
                throw new IllegalArgumentException("username must not be blank");
            }
            if (password.isPresent() && username.isEmpty()) {
                throw new IllegalArgumentException("password needs a username");
            }
            if (timeoutMs < 100 || timeoutMs > 600_000) {
                throw new IllegalArgumentException("timeout_ms must be between 100 and 600000, was " + timeoutMs);
            }
            Objects.requireNonNull(route, "route");
        }

        private static void requireAddress(String key, String address) {
            int at = address.indexOf('@');
            if (at <= 0 || at != address.lastIndexOf('@') || at == address.length() - 1
                    || address.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException(key + " must be an e-mail address (name@domain), was '"
                        + address + "'");
            }
        }

        /** Everything but the password, which shows only as present or not. */
        @Override
        public String toString() {
            return "Email[host=" + host + ", port=" + port + ", security=" + security + ", from=" + from + ", to=" + to
                    + ", username=" + username + ", password=" + password.map(p -> "****").orElse("none")
                    + ", timeoutMs=" + timeoutMs + ", route=" + route + "]";
        }

        /** How the SMTP connection is protected. */
        public enum Security {
            /** Plain SMTP (a local relay). */
            NONE,
            /** Plain connection upgraded with STARTTLS, which the server must offer (usually port 587). */
            STARTTLS,
            /** TLS from the first byte, SMTPS (usually port 465). */
            TLS;

            /** The port this security usually runs on. */
            public int defaultPort() {
                return switch (this) {
                    case NONE -> 25;
                    case STARTTLS -> 587;
                    case TLS -> 465;
                };
            }
        }
    }

    /**
     * A PagerDuty service, reached through its Events API v2 integration: every alert it takes is sent as a
     * {@code trigger} event with a dedup key derived from the alert, so an alert sent again (by another node, or
     * after a restart) joins the open PagerDuty alert instead of paging twice. The routing key is a {@link Secret}
     * and never appears in {@link #toString()}.
     *
     * @param routingKey the integration key of the service (32 characters)
     * @param url the Events API's enqueue endpoint ({@link #EVENTS_URL}; another for a proxy or a test)
     * @param source the events' {@code payload.source}: which gateway the alert comes from
     * @param route which alerts it takes
     */
    public record PagerDuty(Secret routingKey, URI url, String source, AlertRoute route) {

        /** PagerDuty's Events API v2 endpoint. */
        public static final URI EVENTS_URL = URI.create("https://events.pagerduty.com/v2/enqueue");
        /** The events' source when none is configured. */
        public static final String DEFAULT_SOURCE = "tollgate";
        /** The length of an integration key, which PagerDuty refuses otherwise (400). */
        public static final int ROUTING_KEY_LENGTH = 32;

        public PagerDuty {
            Objects.requireNonNull(routingKey, "routingKey");
            requireHttp(url, true);
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(route, "route");
            if (routingKey.reveal().length() != ROUTING_KEY_LENGTH) {
                throw new IllegalArgumentException("routing_key must be the integration key of "
                        + ROUTING_KEY_LENGTH + " characters, was " + routingKey.reveal().length() + " characters");
            }
            if (source.isBlank() || source.length() > 255) {
                throw new IllegalArgumentException("source must be 1 to 255 characters, was '" + source + "'");
            }
        }

        /** Everything but the routing key, which shows as {@code ****}. */
        @Override
        public String toString() {
            return "PagerDuty[routingKey=****, url=" + url + ", source=" + source + ", route=" + route + "]";
        }
    }

    /**
     * A Microsoft Teams channel's incoming webhook (a Workflows "when a Teams webhook request is received" URL, or
     * a legacy connector's): every alert it takes is posted as a message with an Adaptive Card. Whoever has the URL
     * can post to the channel, so {@link #toString()} shows only its host.
     *
     * @param url the webhook's URL
     * @param route which alerts it takes
     */
    public record Teams(URI url, AlertRoute route) {
        public Teams {
            requireHttp(url, false);
            Objects.requireNonNull(route, "route");
        }

        /** The host only: the URL's path is the credential. */
        @Override
        public String toString() {
            return "Teams[url=" + url.getScheme() + "://" + url.getHost() + "/****, route=" + route + "]";
        }
    }
}
