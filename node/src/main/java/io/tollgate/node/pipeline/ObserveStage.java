package io.tollgate.node.pipeline;

import io.tollgate.adapters.GatewayException;
import io.tollgate.node.metrics.GatewayMetrics;
import io.tollgate.cluster.log.RequestLog;
import io.tollgate.config.LoggingConfig;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Wraps the whole pipeline: one log line per request with its outcome, model, usage, cost and latency (at
 * {@code FINE} for successes, {@code INFO} for failures). Metrics and traces join here in later issues.
 */
public final class ObserveStage implements Stage {

    private static final Logger LOG = Logger.getLogger("io.tollgate.requests");

    private final NodeStats stats;
    private final GatewayMetrics metrics;
    private final RequestLog requests;
    private final LoggingConfig logging;
    private final Clock clock;
    private final Supplier<String> node;

    private ObserveStage(NodeStats stats, GatewayMetrics metrics, RequestLog requests, LoggingConfig logging,
                         Clock clock, Supplier<String> node) {
        this.stats = stats;
        this.metrics = metrics;
        this.requests = requests;
        this.logging = logging;
        this.clock = clock;
        this.node = node;
    }

    /** An observe stage counting into these stats and metrics, with no request log. */
    public static ObserveStage create(NodeStats stats, GatewayMetrics metrics) {
        return new ObserveStage(stats, metrics, null, new LoggingConfig(false, false, 1024, 1, 1),
                Clock.systemUTC(), () -> "");
    }

    /**
     * An observe stage that also offers one row per request to the request log (never blocking: a full queue
     * drops the row and counts it).
     *
     * @param node names this node in the rows
     */
    public static ObserveStage create(NodeStats stats, GatewayMetrics metrics, RequestLog requests,
                                      LoggingConfig logging, Clock clock, Supplier<String> node) {
        return new ObserveStage(stats, metrics, requests, logging, clock, node);
    }

    @Override
    public void handle(Exchange exchange, Chain next) {
        stats.started();
        int status = 500; // a fault that is not a GatewayException ends as a 500
        Optional<String> errorType = Optional.of("internal_error");
        try {
            next.proceed(exchange);
            status = 200;
            errorType = Optional.empty();
            if (LOG.isLoggable(Level.FINE)) {
                LOG.fine(line(exchange, "ok"));
            }
        } catch (GatewayException e) {
            status = e.status();
            errorType = Optional.of(e.kind().name().toLowerCase(java.util.Locale.ROOT));
            if (LOG.isLoggable(Level.INFO)) {
                LOG.info(line(exchange, e.status() + " " + e.kind() + ": " + e.getMessage()));
            }
            throw e;
        } finally {
            stats.finished();
            metrics.record(exchange, status);
            log(exchange, status, errorType);
        }
    }

    private void log(Exchange exchange, int status, Optional<String> errorType) {
        if (requests == null || !logging.enabled()) {
            return;
        }
        try {
            requests.offer(LogRows.of(exchange, clock.instant(), node.get(), status, errorType, logging));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "request " + exchange.id() + " could not be logged", e);
        }
    }

    private static String line(Exchange exchange, String outcome) {
        long micros = (System.nanoTime() - exchange.startNanos()) / 1_000;
        return exchange.id() + " " + exchange.dialect() + " " + exchange.operation()
                + exchange.route().map(r -> " " + r.model().address() + " key=" + r.key().name()).orElse("")
                + (exchange.stream() ? " stream" : "") + " tokens=" + exchange.usage().promptTokens() + "/"
                + exchange.usage().completionTokens() + " cost=" + (exchange.priced() ? exchange.cost() : "-")
                + " " + micros + "us " + outcome;
    }
}
