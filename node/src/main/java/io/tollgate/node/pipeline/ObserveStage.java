package io.tollgate.node.pipeline;

import io.tollgate.adapters.GatewayException;
import io.tollgate.node.metrics.GatewayMetrics;
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

    private ObserveStage(NodeStats stats, GatewayMetrics metrics) {
        this.stats = stats;
        this.metrics = metrics;
    }

    /** An observe stage counting into these stats and metrics. */
    public static ObserveStage create(NodeStats stats, GatewayMetrics metrics) {
        return new ObserveStage(stats, metrics);
    }

    @Override
    public void handle(Exchange exchange, Chain next) {
        stats.started();
        int status = 500; // a fault that is not a GatewayException ends as a 500
        try {
            next.proceed(exchange);
            status = 200;
            if (LOG.isLoggable(Level.FINE)) {
                LOG.fine(line(exchange, "ok"));
            }
        } catch (GatewayException e) {
            status = e.status();
            if (LOG.isLoggable(Level.INFO)) {
                LOG.info(line(exchange, e.status() + " " + e.kind() + ": " + e.getMessage()));
            }
            throw e;
        } finally {
            stats.finished();
            metrics.record(exchange, status);
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
