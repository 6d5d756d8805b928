package io.tollgate.config;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Alerts ({@code alerts} section): budget thresholds and where alerts go. Each alert is sent once for the whole
 * cluster per threshold and budget period.
 *
 * @param thresholds percents of a budget's limit that alert, ascending (default 50, 80, 90, 100)
 * @param checkIntervalMs how often a node looks at the budgets (off the request path)
 * @param maxAttempts deliveries tried per alert and webhook before giving up (with exponential backoff)
 * @param webhooks where alerts go; none: alerts are only logged
 * @param costSpike when the cluster's spend rate alerts; empty: never
 */
public record AlertsConfig(List<Integer> thresholds, long checkIntervalMs, int maxAttempts, List<Webhook> webhooks,
                           java.util.Optional<CostSpike> costSpike) {

    /** 50, 80, 90 and 100%, checked every 5 seconds, 8 attempts, logged only, no cost-spike alert. */
    public static final AlertsConfig DEFAULT = new AlertsConfig(List.of(50, 80, 90, 100), 5_000, 8, List.of());

    /** Without a cost-spike alert. */
    public AlertsConfig(List<Integer> thresholds, long checkIntervalMs, int maxAttempts, List<Webhook> webhooks) {
        this(thresholds, checkIntervalMs, maxAttempts, webhooks, java.util.Optional.empty());
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
}
