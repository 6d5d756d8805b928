package io.tollgate.node.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.tollgate.adapters.ModelRef;
import io.tollgate.adapters.Usage;
import io.tollgate.node.pipeline.Exchange;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The meters every finished request updates: requests, tokens, cost, cache savings, retries, fallbacks and three
 * latency histograms with fixed buckets (Prometheus computes quantiles from them; nothing is computed here).
 * Thread-safe.
 */
final class RequestMeters {

    /** Buckets of the gateway's own overhead: it should stay well under a millisecond. */
    private static final Duration[] OVERHEAD_BUCKETS = millis(0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500,
            1000);
    /** Buckets of the upstream's and the whole request's latency: from a cache hit to a long generation. */
    private static final Duration[] LATENCY_BUCKETS = millis(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000,
            30_000, 60_000, 120_000);
    private static final int MAX_MODELS = 200;

    private final Meter.MeterProvider<Counter> requests;
    private final Meter.MeterProvider<Counter> tokens;
    private final Meter.MeterProvider<Counter> cost;
    private final Meter.MeterProvider<Counter> saved;
    private final Meter.MeterProvider<Counter> retries;
    private final Meter.MeterProvider<Counter> fallbacks;
    private final Meter.MeterProvider<Timer> overhead;
    private final Meter.MeterProvider<Timer> upstream;
    private final Meter.MeterProvider<Timer> duration;
    private final Meter.MeterProvider<Timer> firstToken;
    private final BoundedLabels models = new BoundedLabels(MAX_MODELS);

    RequestMeters(MeterRegistry registry) {
        requests = Counter.builder("tollgate.requests").description("Requests the pipeline finished")
                .withRegistry(registry);
        tokens = Counter.builder("tollgate.tokens").description("Tokens the upstreams reported, by bucket")
                .withRegistry(registry);
        cost = Counter.builder("tollgate.cost.usd").description("Cost charged, in US dollars")
                .withRegistry(registry);
        saved = Counter.builder("tollgate.cache.saved.usd")
                .description("What cache hits' answers cost when fetched, in US dollars").withRegistry(registry);
        retries = Counter.builder("tollgate.retries").description("Upstream calls beyond the first (attempts - 1)")
                .withRegistry(registry);
        fallbacks = Counter.builder("tollgate.fallbacks").description("Requests served by a fallback model")
                .withRegistry(registry);
        overhead = Timer.builder("tollgate.gateway.overhead")
                .description("Time spent in the gateway: total minus the upstream calls (each whole, streams too)")
                .serviceLevelObjectives(OVERHEAD_BUCKETS).withRegistry(registry);
        upstream = Timer.builder("tollgate.upstream.latency")
                .description("Time from sending to the upstream to its status line")
                .serviceLevelObjectives(LATENCY_BUCKETS).withRegistry(registry);
        firstToken = Timer.builder("tollgate.time.to.first.token")
                .description("Streams: from the request's arrival to its first event reaching the client")
                .serviceLevelObjectives(LATENCY_BUCKETS).withRegistry(registry);
        duration = Timer.builder("tollgate.request.duration")
                .description("End-to-end time of a request in the pipeline (streams: until the last event)")
                .serviceLevelObjectives(LATENCY_BUCKETS).withRegistry(registry);
    }

    /**
     * Records one finished request.
     *
     * @param exchange the request, as the pipeline left it
     * @param status the HTTP status it was answered with
     * @param endNanos {@link System#nanoTime()} at its end
     */
    void record(Exchange exchange, int status, long endNanos) {
        String route = exchange.dialect().name().toLowerCase(Locale.ROOT) + "."
                + exchange.operation().name().toLowerCase(Locale.ROOT);
        Optional<ModelRef> model = exchange.route().map(r -> r.model()).or(() -> exchange.target().map(t -> t.model()));
        String provider = model.map(ModelRef::provider).orElse("none");
        String modelName = model.map(m -> models.label(m.model())).orElse("none");
        Tags served = Tags.of("provider", provider, "model", modelName);
        requests.withTags(served.and("route", route, "status", Integer.toString(status),
                "cache", exchange.cacheOutcome().status(), "stream", Boolean.toString(exchange.stream())))
                .increment();
        tokens(served, exchange.usage());
        if (exchange.priced() && exchange.cost().nanos() != 0) {
            cost.withTags(served).increment(usd(exchange.cost().nanos()));
        }
        if (exchange.cacheOutcome().savedNanos() > 0) {
            saved.withTags(served).increment(usd(exchange.cacheOutcome().savedNanos()));
        }
        if (exchange.attempts() > 1) {
            retries.withTags("provider", provider).increment(exchange.attempts() - 1);
        }
        if (exchange.candidate() > 0) {
            fallbacks.withTags(served).increment();
        }
        long total = Math.max(0, endNanos - exchange.startNanos());
        duration.withTags(served.and("route", route)).record(total, TimeUnit.NANOSECONDS);
        if (exchange.upstreamNanos() > 0) {
            upstream.withTags(served).record(exchange.upstreamNanos(), TimeUnit.NANOSECONDS);
        }
        overhead.withTags("route", route).record(Math.max(0, total - exchange.upstreamTotalNanos()),
                TimeUnit.NANOSECONDS);
        exchange.timeToFirstByte().ifPresent(ttft -> firstToken.withTags(served).record(ttft));
    }

    private void tokens(Tags served, Usage usage) {
        add(served, "input", usage.inputTokens());
        add(served, "cached_input", usage.cachedInputTokens());
        add(served, "cache_write", usage.cacheWriteTokens() + usage.cacheWrite1hTokens());
        add(served, "output", usage.outputTokens());
        add(served, "reasoning", usage.reasoningTokens());
    }

    private void add(Tags served, String type, long count) {
        if (count > 0) {
            tokens.withTags(served.and("type", type)).increment(count);
        }
    }

    private static double usd(long nanos) {
        return nanos / 1e9;
    }

    private static Duration[] millis(double... values) {
        Duration[] out = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Duration.ofNanos(Math.round(values[i] * 1_000_000));
        }
        return out;
    }
}
