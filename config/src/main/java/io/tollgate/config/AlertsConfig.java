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
 */
public record AlertsConfig(List<Integer> thresholds, long checkIntervalMs, int maxAttempts, List<Webhook> webhooks) {

    /** 50, 80, 90 and 100%, checked every 5 seconds, 8 attempts, logged only. */
    public static final AlertsConfig DEFAULT = new AlertsConfig(List.of(50, 80, 90, 100), 5_000, 8, List.of());

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
