package io.tollgate.node.alerts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Json;
import io.tollgate.config.AlertsConfig;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A webhook: the alert POSTed as Slack's {@code {"text": ...}} or as Tollgate's JSON; any status but 2xx is a
 * failed delivery.
 */
final class WebhookChannel implements AlertChannel {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final AlertsConfig.Webhook webhook;
    private final HttpClient http;

    private WebhookChannel(AlertsConfig.Webhook webhook, HttpClient http) {
        this.webhook = webhook;
        this.http = http;
    }

    /** A channel posting to {@code webhook} with {@code http}, which the caller owns and closes. */
    static WebhookChannel create(AlertsConfig.Webhook webhook, HttpClient http) {
        return new WebhookChannel(webhook, http);
    }

    @Override
    public String describe() {
        return "webhook " + webhook.url().getHost();
    }

    @Override
    public void deliver(Alert alert) throws IOException {
        HttpResponse<Void> response;
        try {
            response = http.send(HttpRequest.newBuilder(webhook.url()).timeout(REQUEST_TIMEOUT)
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body(alert))).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("status " + response.statusCode());
        }
    }

    private byte[] body(Alert alert) {
        if (webhook.type() == AlertsConfig.Webhook.Type.SLACK) {
            ObjectNode slack = Json.object();
            slack.put("text", alert.text());
            return Json.bytes(slack);
        }
        return Json.bytes(alert.json());
    }
}
