package io.tollgate.node.alerts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Json;
import io.tollgate.config.AlertsConfig;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * PagerDuty's Events API v2: every alert is a {@code trigger} event, following PagerDuty's "Send an Alert Event"
 * and "Events API v2 Overview" pages (developer.pagerduty.com/docs/events-api-v2/trigger-events and .../overview):
 * {@code routing_key} (the integration's 32-character key), {@code event_action}, {@code dedup_key} (at most 255
 * characters), {@code payload.summary} (at most 1024 characters), {@code payload.source},
 * {@code payload.severity} ({@code critical}, {@code error}, {@code warning} or {@code info}), and the optional
 * {@code timestamp} (ISO 8601), {@code component}, {@code group}, {@code class} and {@code custom_details}.
 *
 * <p>The dedup key is the alert's identity ({@link Alert#key()}: a budget, its period and the threshold), so the
 * same alert sent again, by another node or after a restart, is added to the open PagerDuty alert instead of paging
 * twice, while another threshold or period opens its own. Answers, per the overview's table: 202 (any 2xx) is
 * delivered; 400 is an invalid event that PagerDuty would refuse again, so it is not retried (nor any other 4xx
 * but 408 and 429); 429 and 5xx are retried with the sender's backoff.
 *
 * @param config the service: its routing key, endpoint and source
 * @param http the client, which the caller owns and closes
 */
record PagerDutyChannel(AlertsConfig.PagerDuty config, HttpClient http) implements AlertChannel {

    /** PagerDuty's limits on {@code dedup_key} and {@code payload.summary}. */
    static final int MAX_DEDUP_KEY = 255;
    static final int MAX_SUMMARY = 1024;
    private static final String DEDUP_PREFIX = "tollgate:";
    /** How much of a too-long key stays readable before its hash. */
    private static final int KEPT_KEY_CHARS = 180;

    @Override
    public String describe() {
        return "PagerDuty " + config.url().getHost();
    }

    @Override
    public void deliver(Alert alert) throws IOException {
        AlertPost answer = AlertPost.send(http, config.url(), Json.bytes(event(config, alert)));
        if (answer.ok()) {
            return;
        }
        int status = answer.status();
        if (status / 100 == 4 && status != 408 && status != 429) {
            // PagerDuty's 400 body lists what was wrong, but may quote the event: the status only
            throw new AlertRefusedException("status " + status + ": PagerDuty refused the event; it is not sent again");
        }
        throw new IOException("status " + status);
    }

    /** The event for {@code alert}, as posted to the service {@code config} names. */
    static ObjectNode event(AlertsConfig.PagerDuty config, Alert alert) {
        ObjectNode event = Json.object();
        event.put("routing_key", config.routingKey().reveal());
        event.put("event_action", "trigger");
        event.put("dedup_key", dedupKey(alert.key()));
        event.put("client", "Tollgate");
        ObjectNode payload = event.putObject("payload");
        payload.put("summary", cut(alert.text(), MAX_SUMMARY));
        payload.put("source", config.source());
        payload.put("severity", alert.severity().apiName());
        payload.put("timestamp", alert.time().toString());
        payload.put("component", alert.about());
        payload.put("group", group(alert.owners()));
        payload.put("class", alert.json().path("type").asText());
        payload.set("custom_details", alert.json());
        return event;
    }

    /**
     * The dedup key of an alert with this identity: {@code tollgate:} and the key, or, for a key too long for
     * PagerDuty, its first 180 characters and the SHA-256 of the whole key, so it stays unique and at most 255
     * characters.
     */
    static String dedupKey(String alertKey) {
        String key = DEDUP_PREFIX + alertKey;
        if (key.length() <= MAX_DEDUP_KEY) {
            return key;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(alertKey.getBytes(StandardCharsets.UTF_8));
            return prefix(key, KEPT_KEY_CHARS) + ":" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The outermost owner ({@code customer 'acme'}), or {@code cluster} for an alert about no owner. */
    private static String group(List<AlertOwner> owners) {
        return owners.isEmpty() ? "cluster" : owners.getLast().label();
    }

    /** At most {@code max} characters, never splitting a surrogate pair; a cut text ends with an ellipsis. */
    static String cut(String text, int max) {
        return text.length() <= max ? text : prefix(text, max - 1) + "…";
    }

    /** The first {@code length} characters, one fewer when the last would be half a surrogate pair. */
    private static String prefix(String text, int length) {
        return text.substring(0, Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length);
    }
}
