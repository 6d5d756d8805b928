package io.tollgate.node.alerts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Json;
import io.tollgate.cluster.alerts.AlertClaims;
import io.tollgate.config.AlertsConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Sends claimed alerts to every configured webhook on a thread of its own, retrying a failed delivery (no answer,
 * or a status other than 2xx) with exponential backoff from 500 ms up to 30 s, at most {@code max_attempts}
 * times; marks the alert delivered once every webhook took it. With no webhook, alerts are logged only.
 */
final class WebhookSender implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WebhookSender.class.getName());
    private static final long FIRST_BACKOFF_MS = 500;
    private static final long MAX_BACKOFF_MS = 30_000;

    private final AlertsConfig config;
    private final AlertClaims claims;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
            .daemon().name("tollgate-alert-sender").factory());
    private final AtomicInteger pending = new AtomicInteger();

    private WebhookSender(AlertsConfig config, AlertClaims claims) {
        this.config = config;
        this.claims = claims;
    }

    static WebhookSender create(AlertsConfig config, AlertClaims claims) {
        return new WebhookSender(config, claims);
    }

    void send(String alertKey, Alert alert) {
        LOG.warning(alert.text());
        if (config.webhooks().isEmpty()) {
            claims.delivered(alertKey);
            return;
        }
        AtomicInteger left = new AtomicInteger(config.webhooks().size());
        for (AlertsConfig.Webhook webhook : config.webhooks()) {
            pending.incrementAndGet();
            worker.execute(() -> attempt(alertKey, alert, webhook, 1, left));
        }
    }

    private void attempt(String alertKey, Alert alert, AlertsConfig.Webhook webhook, int attempt,
                         AtomicInteger left) {
        String failure;
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(webhook.url())
                    .timeout(Duration.ofSeconds(10)).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body(webhook, alert))).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                if (left.decrementAndGet() == 0) {
                    claims.delivered(alertKey);
                }
                pending.decrementAndGet();
                return;
            }
            failure = "status " + response.statusCode();
        } catch (java.io.IOException e) {
            failure = e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.decrementAndGet();
            return;
        }
        if (attempt >= config.maxAttempts()) {
            LOG.severe("alert " + alertKey + " not delivered to " + webhook.url().getHost() + " after " + attempt
                    + " attempts (" + failure + ")");
            pending.decrementAndGet();
            return;
        }
        long backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS << Math.min(attempt - 1, 16));
        worker.schedule(() -> attempt(alertKey, alert, webhook, attempt + 1, left), backoff, TimeUnit.MILLISECONDS);
    }

    private static byte[] body(AlertsConfig.Webhook webhook, Alert alert) {
        if (webhook.type() == AlertsConfig.Webhook.Type.SLACK) {
            ObjectNode slack = Json.object();
            slack.put("text", alert.text());
            return Json.bytes(slack);
        }
        return Json.bytes(alert.json());
    }

    /** Waits until no delivery is pending or retrying, or the timeout passes. */
    void await(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
        http.close();
    }
}
