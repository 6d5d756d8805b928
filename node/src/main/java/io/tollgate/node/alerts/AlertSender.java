package io.tollgate.node.alerts;

import io.tollgate.cluster.alerts.AlertClaims;
import io.tollgate.config.AlertsConfig;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Sends claimed alerts to every configured channel that takes them (webhooks, e-mail, PagerDuty, Teams, each with
 * its route: minimum severity, owners) on a thread of its own, retrying a failed delivery with exponential backoff
 * from 500 ms up to 30 s, at most {@code max_attempts} times per channel; a destination that refuses an alert for
 * good ({@link AlertRefusedException}) is not asked again. Marks the alert delivered once every channel that takes it
 * took it; an alert no channel takes is logged only, and counts as delivered.
 */
final class AlertSender implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AlertSender.class.getName());
    private static final long FIRST_BACKOFF_MS = 500;
    private static final long MAX_BACKOFF_MS = 30_000;

    private final int maxAttempts;
    private final List<RoutedChannel> channels;
    private final Optional<HttpClient> http;
    private final AlertClaims claims;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
            .daemon().name("tollgate-alert-sender").factory());
    private final AtomicInteger pending = new AtomicInteger();

    private AlertSender(int maxAttempts, List<RoutedChannel> channels, Optional<HttpClient> http,
                        AlertClaims claims) {
        this.maxAttempts = maxAttempts;
        this.channels = List.copyOf(channels);
        this.http = http;
        this.claims = claims;
    }

    /**
     * A sender to the config's channels: webhooks, PagerDuty services and Teams channels over one HTTP client, and
     * e-mail; {@code clock} dates the e-mails.
     */
    static AlertSender create(AlertsConfig config, AlertClaims claims, Clock clock) {
        Optional<HttpClient> http = config.hasHttpChannels()
                ? Optional.of(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) : Optional.empty();
        List<RoutedChannel> channels = new ArrayList<>();
        config.webhooks().forEach(webhook -> channels.add(new RoutedChannel(
                WebhookChannel.create(webhook, http.orElseThrow()), webhook.route())));
        config.email().ifPresent(email -> channels.add(new RoutedChannel(EmailChannel.create(email, clock),
                email.route())));
        config.pagerduty().forEach(service -> channels.add(new RoutedChannel(
                new PagerDutyChannel(service, http.orElseThrow()), service.route())));
        config.teams().forEach(teams -> channels.add(new RoutedChannel(
                new TeamsChannel(teams, http.orElseThrow()), teams.route())));
        return new AlertSender(config.maxAttempts(), channels, http, claims);
    }

    /** Sends a claimed alert (claimed under {@link Alert#key()}) to every channel that takes it. */
    void send(Alert alert) {
        LOG.warning(alert.text());
        String alertKey = alert.key();
        List<AlertChannel> taking = channels.stream().filter(channel -> channel.takes(alert))
                .map(RoutedChannel::channel).toList();
        if (taking.isEmpty()) {
            claims.delivered(alertKey);
            return;
        }
        AtomicInteger left = new AtomicInteger(taking.size());
        for (AlertChannel channel : taking) {
            pending.incrementAndGet();
            worker.execute(() -> attempt(alertKey, alert, channel, 1, left));
        }
    }

    private void attempt(String alertKey, Alert alert, AlertChannel channel, int attempt, AtomicInteger left) {
        String failure;
        try {
            channel.deliver(alert);
            if (left.decrementAndGet() == 0) {
                claims.delivered(alertKey);
            }
            pending.decrementAndGet();
            return;
        } catch (AlertRefusedException e) {
            LOG.severe("alert " + alertKey + " refused by " + channel.describe() + " (" + e.getMessage() + ")");
            pending.decrementAndGet();
            return;
        } catch (IOException e) {
            // a plain IOException's message is the channel's own (a status); others may name a URL: class only
            failure = e.getClass() == IOException.class ? e.getMessage() : e.getClass().getSimpleName();
        } catch (RuntimeException e) {
            failure = e.getClass().getSimpleName();   // a bug, but the pending count must still come down
        }
        if (Thread.currentThread().isInterrupted()) {
            pending.decrementAndGet();
            return;
        }
        if (attempt >= maxAttempts) {
            LOG.severe("alert " + alertKey + " not delivered to " + channel.describe() + " after " + attempt
                    + " attempts (" + failure + ")");
            pending.decrementAndGet();
            return;
        }
        long backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS << Math.min(attempt - 1, 16));
        worker.schedule(() -> attempt(alertKey, alert, channel, attempt + 1, left), backoff, TimeUnit.MILLISECONDS);
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
        http.ifPresent(HttpClient::close);
    }
}
