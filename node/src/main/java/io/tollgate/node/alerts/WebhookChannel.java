package io.tollgate.node.alerts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Json;
import io.tollgate.config.AlertsConfig;
import java.io.IOException;
import java.net.http.HttpClient;

/**
 * A webhook: the alert POSTed as Slack's {@code {"text": ...}} or as Tollgate's JSON; any status but 2xx is a
 * failed delivery.
 */
final class WebhookChannel implements AlertChannel {

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
        AlertPost answer = AlertPost.send(http, webhook.url(), body(alert));
        if (!answer.ok()) {
            throw new IOException("status " + answer.status());
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
