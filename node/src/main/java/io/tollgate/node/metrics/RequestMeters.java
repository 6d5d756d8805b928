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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    /** The route label of each dialect and operation, e.g. {@code openai.chat}. */
    private static final String[][] ROUTES = routes();
    private final Map<Series, Served> served = new ConcurrentHashMap<>();

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
     * Records one finished request. The meters of a label combination are looked up once and kept (a registry
     * lookup builds and sorts tags and hashes the meter id: several microseconds per request for ten meters).
     *
     * @param exchange the request, as the pipeline left it
     * @param status the HTTP status it was answered with
     * @param endNanos {@link System#nanoTime()} at its end
     */
    void record(Exchange exchange, int status, long endNanos) {
        String route = ROUTES[exchange.dialect().ordinal()][exchange.operation().ordinal()];
        ModelRef model = exchange.route().map(r -> r.model()).or(() -> exchange.target().map(t -> t.model()))
                .orElse(null);
        String provider = model == null ? "none" : model.provider();
        String modelName = model == null ? "none" : models.label(model.model());
        Served meters = served.computeIfAbsent(new Series(provider, modelName, route), this::served);
        meters.requests(status, exchange.cacheOutcome().status(), exchange.stream()).increment();
        Usage usage = exchange.usage();
        add(meters.input, usage.inputTokens());
        add(meters.cachedInput, usage.cachedInputTokens());
        add(meters.cacheWrite, usage.cacheWriteTokens() + usage.cacheWrite1hTokens());
        add(meters.output, usage.outputTokens());
        add(meters.reasoning, usage.reasoningTokens());
        if (exchange.priced() && exchange.cost().nanos() != 0) {
            meters.cost.get().increment(usd(exchange.cost().nanos()));
        }
        if (exchange.cacheOutcome().savedNanos() > 0) {
            meters.saved.get().increment(usd(exchange.cacheOutcome().savedNanos()));
        }
        if (exchange.attempts() > 1) {
            meters.retries.get().increment(exchange.attempts() - 1);
        }
        if (exchange.candidate() > 0) {
            meters.fallbacks.get().increment();
        }
        long total = Math.max(0, endNanos - exchange.startNanos());
        meters.duration.get().record(total, TimeUnit.NANOSECONDS);
        if (exchange.upstreamNanos() > 0) {
            meters.upstream.get().record(exchange.upstreamNanos(), TimeUnit.NANOSECONDS);
        }
        meters.overhead.get().record(Math.max(0, total - exchange.upstreamTotalNanos()), TimeUnit.NANOSECONDS);
        exchange.timeToFirstByte().ifPresent(ttft -> meters.firstToken.get().record(ttft));
    }

    private static void add(Lazy<Counter> counter, long count) {
        if (count > 0) {
            counter.get().increment(count);
        }
    }

    /** A meter looked up in the registry on first use, then kept. */
    private static final class Lazy<T> {
        private final java.util.function.Supplier<T> lookup;
        private volatile T meter;

        Lazy(java.util.function.Supplier<T> lookup) {
            this.lookup = lookup;
        }

        T get() {
            T found = meter;
            if (found == null) {
                found = lookup.get();   // the registry returns the same meter to racing callers
                meter = found;
            }
            return found;
        }
    }

    private Served served(Series series) {
        Tags tags = Tags.of("provider", series.provider(), "model", series.model());
        return new Served(series, tags);
    }

    /** The labels every meter of a request shares. */
    private record Series(String provider, String model, String route) {
    }

    /** A request's labels beyond its series. */
    private record Outcome(int status, String cache, boolean stream) {
    }

    /** The meters of one series, each resolved on first use (a meter never used leaves no series). */
    private final class Served {
        final Series series;
        final Tags tags;
        final Map<Outcome, Counter> requestCounters = new ConcurrentHashMap<>();
        final Lazy<Counter> input;
        final Lazy<Counter> cachedInput;
        final Lazy<Counter> cacheWrite;
        final Lazy<Counter> output;
        final Lazy<Counter> reasoning;
        final Lazy<Counter> cost;
        final Lazy<Counter> saved;
        final Lazy<Counter> retries;
        final Lazy<Counter> fallbacks;
        final Lazy<Timer> duration;
        final Lazy<Timer> upstream;
        final Lazy<Timer> overhead;
        final Lazy<Timer> firstToken;

        Served(Series series, Tags tags) {
            this.series = series;
            this.tags = tags;
            input = new Lazy<>(() -> tokens.withTags(tags.and("type", "input")));
            cachedInput = new Lazy<>(() -> tokens.withTags(tags.and("type", "cached_input")));
            cacheWrite = new Lazy<>(() -> tokens.withTags(tags.and("type", "cache_write")));
            output = new Lazy<>(() -> tokens.withTags(tags.and("type", "output")));
            reasoning = new Lazy<>(() -> tokens.withTags(tags.and("type", "reasoning")));
            cost = new Lazy<>(() -> RequestMeters.this.cost.withTags(tags));
            saved = new Lazy<>(() -> RequestMeters.this.saved.withTags(tags));
            retries = new Lazy<>(() -> RequestMeters.this.retries.withTags("provider", series.provider()));
            fallbacks = new Lazy<>(() -> RequestMeters.this.fallbacks.withTags(tags));
            duration = new Lazy<>(() -> RequestMeters.this.duration.withTags(tags.and("route", series.route())));
            upstream = new Lazy<>(() -> RequestMeters.this.upstream.withTags(tags));
            overhead = new Lazy<>(() -> RequestMeters.this.overhead.withTags("route", series.route()));
            firstToken = new Lazy<>(() -> RequestMeters.this.firstToken.withTags(tags));
        }

        Counter requests(int status, String cache, boolean stream) {
            return requestCounters.computeIfAbsent(new Outcome(status, cache, stream), outcome ->
                    RequestMeters.this.requests.withTags(tags.and("route", series.route(), "status",
                            Integer.toString(outcome.status()), "cache", outcome.cache(), "stream",
                            Boolean.toString(outcome.stream()))));
        }
    }

    private static double usd(long nanos) {
        return nanos / 1e9;
    }

    private static String[][] routes() {
        io.tollgate.adapters.Dialect[] dialects = io.tollgate.adapters.Dialect.values();
        io.tollgate.adapters.Operation[] operations = io.tollgate.adapters.Operation.values();
        String[][] routes = new String[dialects.length][operations.length];
        for (var dialect : dialects) {
            for (var operation : operations) {
                routes[dialect.ordinal()][operation.ordinal()] = dialect.name().toLowerCase(Locale.ROOT) + "."
                        + operation.name().toLowerCase(Locale.ROOT);
            }
        }
        return routes;
    }

    private static Duration[] millis(double... values) {
        Duration[] out = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Duration.ofNanos(Math.round(values[i] * 1_000_000));
        }
        return out;
    }
}
