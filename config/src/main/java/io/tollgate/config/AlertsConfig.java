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
 * @param email where alerts go by e-mail; with neither webhooks nor e-mail, alerts are only logged
 */
public record AlertsConfig(List<Integer> thresholds, long checkIntervalMs, int maxAttempts, List<Webhook> webhooks,
                           Optional<CostSpike> costSpike, Optional<Email> email) {

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
     * One webhook.
     *
     * @param type the body's shape: Slack's incoming-webhook {@code {"text": ...}} or Tollgate's JSON
     * @param url where it is POSTed
     */
    public record Webhook(Type type, URI url) {
        public Webhook {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(url, "url");
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                throw new IllegalArgumentException("url must be an http or https URL, was '" + url + "'");
            }
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
     */
    public record Email(String host, int port, Security security, String from, List<String> to,
                        Optional<String> username, Optional<Secret> password, long timeoutMs) {
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
                    + ", timeoutMs=" + timeoutMs + "]";
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
}
