package io.tollgate.node.pipeline;

import io.tollgate.adapters.Usage;
import io.tollgate.cluster.log.AttemptRecord;
import io.tollgate.cluster.log.LogRecord;
import io.tollgate.config.LoggingConfig;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The request log's row of a finished exchange: who (virtual key, team, customer ids), what (route, provider,
 * model, key name: never its value), how it ended (status, error type, attempts, fallback index, cache outcome),
 * usage by bucket, exact cost and saving, the latency split (upstream time against the gateway's own) and each
 * upstream call the balance stage recorded.
 * Bodies only when {@code logging.content} is on (the log cuts them at {@code logging.max_content_bytes}).
 */
final class LogRows {

    private static final Logger LOG = Logger.getLogger(LogRows.class.getName());

    private LogRows() {
    }

    /**
     * Notes one upstream call of the exchange's current candidate in its attempt log (the attempt number is the
     * exchange's count, the upstream time the call's own); a record that cannot be made is left out with a warning,
     * never failing the call.
     */
    static void recordAttempt(Exchange exchange, Instant started, String keyName, int status,
                              Optional<String> errorType) {
        try {
            Target target = exchange.target().orElseThrow(() -> new IllegalArgumentException("no target"));
            exchange.recordAttempt(new AttemptRecord(exchange.attempts(), exchange.candidate(), started,
                    target.model().provider(), target.model().model(), keyName, status, errorType,
                    exchange.attemptUpstreamNanos() / 1_000));
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "attempt " + exchange.attempts() + " of request " + exchange.id()
                    + " left out of the request log", e);
        }
    }

    static LogRecord of(Exchange exchange, Instant now, String node, int status, Optional<String> errorType,
                        LoggingConfig config) {
        long latencyNanos = System.nanoTime() - exchange.startNanos();
        long upstreamNanos = Math.min(exchange.upstreamTotalNanos(), latencyNanos);
        Usage usage = exchange.usage();
        Optional<Governed> governed = exchange.governed();
        return new LogRecord(exchange.id(), now, node,
                governed.map(g -> g.key().id()), governed.flatMap(g -> g.key().teamId()),
                governed.flatMap(Governed::customerId),
                exchange.dialect().name().toLowerCase(Locale.ROOT) + "." + exchange.operation().name()
                        .toLowerCase(Locale.ROOT),
                exchange.target().map(t -> t.model().provider()), exchange.target().map(t -> t.model().model()),
                exchange.route().map(r -> r.key().name()), status, errorType, exchange.attempts(),
                exchange.candidate(), exchange.streamed(), exchange.cacheOutcome().status(),
                exchange.cacheOutcome().similarity(), usage.inputTokens(), usage.cachedInputTokens(),
                usage.cacheWriteTokens() + usage.cacheWrite1hTokens(), usage.reasoningTokens(), usage.outputTokens(),
                exchange.priced() ? exchange.cost().nanos() : 0, exchange.cacheOutcome().savedNanos(),
                latencyNanos / 1_000, exchange.timeToFirstByte().map(d -> d.toNanos() / 1_000),
                upstreamNanos / 1_000, (latencyNanos - upstreamNanos) / 1_000,
                config.content() ? Optional.of(exchange.candidateBody().toString()) : Optional.empty(),
                config.content() ? exchange.response().map(r -> new String(r.body(), StandardCharsets.UTF_8))
                        : Optional.empty(), exchange.attemptLog(), exchange.dimensions());
    }
}
