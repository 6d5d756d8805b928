package io.tollgate.node.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tollgate.cache.ResponseCache;
import io.tollgate.cluster.ClusterServices;
import io.tollgate.node.balance.KeyBalancer;
import io.tollgate.node.pipeline.Exchange;
import io.tollgate.node.pipeline.NodeStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The node's metrics in a Prometheus registry (names and labels in the root README, section "Metrics"). The observe
 * stage calls {@link #record} once per finished request; {@link #scrape} renders everything as Prometheus text,
 * first refreshing the gauges that are polled: this node's cache at every scrape, and what needs the grid (key
 * states, budgets and rate limits, cluster health) at most every {@link #GRID_REFRESH}. Thread-safe.
 */
public final class GatewayMetrics {

    /** How long the gauges read from the grid are reused between scrapes. */
    public static final Duration GRID_REFRESH = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(GatewayMetrics.class.getName());

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final RequestMeters requests;
    private final KeyGauges keys;
    private final LimitGauges limits;
    private final StateGauges state;
    private final Clock clock;
    private Instant refreshed = Instant.MIN;
    private volatile java.util.Set<String> labelled = java.util.Set.of();

    private GatewayMetrics(NodeStats stats, ClusterServices cluster, Map<String, KeyBalancer> balancers,
                           ResponseCache cache, Clock clock) {
        this.clock = clock;
        this.requests = new RequestMeters(registry);
        this.keys = new KeyGauges(registry, balancers);
        this.limits = new LimitGauges(registry, cluster.registry(), cluster.ledger());
        this.state = new StateGauges(registry, cluster, cache);
        Gauge.builder("tollgate.requests.in.flight", stats, NodeStats::inFlight)
                .description("Requests this node is serving now").register(registry);
        var log = cluster.requestLog();
        Gauge.builder("tollgate.request.log.queue.depth", log, l -> l.stats().depth())
                .description("Request log rows waiting to be written").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("tollgate.request.log.written", log,
                l -> l.stats().written()).description("Request log rows written").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("tollgate.request.log.dropped", log,
                l -> l.stats().dropped()).description("Request log rows dropped (queue full, or unwritten at stop)")
                .register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("tollgate.request.log.failed.batches", log,
                l -> l.stats().failedBatches()).description("Request log batches the database refused (retried)")
                .register(registry);
    }

    /**
     * Metrics over this node's components.
     *
     * @param stats the node's request counters (for the in-flight gauge)
     * @param cluster the cluster services (budgets, rate limits, cluster health)
     * @param balancers the node's key balancers by provider name
     * @param cache the node's response cache
     * @param clock the clock that paces the grid reads
     */
    public static GatewayMetrics create(NodeStats stats, ClusterServices cluster, Map<String, KeyBalancer> balancers,
                                        ResponseCache cache, Clock clock) {
        return new GatewayMetrics(stats, cluster, balancers, cache, clock);
    }

    /**
     * Counts one finished request: requests, tokens, cost, savings, retries, fallbacks and latencies. Never throws.
     *
     * @param exchange the request as the pipeline left it
     * @param status the HTTP status the pipeline ended with (200 when it returned normally; the whole response's
     *     own status is used when it has one)
     */
    public void record(Exchange exchange, int status) {
        long end = System.nanoTime();
        try {
            int answered = status == 200 ? exchange.response().map(Exchange.Response::status).orElse(200) : status;
            requests.record(exchange, answered, end);
            if (answered == 401 || answered == 403) {
                authRefused("inference", answered);
            }
            tagged(exchange);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "could not record metrics of request " + exchange.id(), e);
        }
    }

    /**
     * Counts one refused call ({@code tollgate_auth_refusals_total}): a 401 (no or unknown credentials) or a 403
     * (a role, scope or model the credentials do not cover).
     *
     * @param api {@code inference}, {@code management} or {@code metrics}
     * @param status 401 or 403
     */
    public void authRefused(String api, int status) {
        io.micrometer.core.instrument.Counter.builder("tollgate.auth.refusals")
                .description("Calls refused for their credentials: 401 (none or unknown) and 403 (not allowed)")
                .tag("api", api).tag("status", Integer.toString(status)).register(registry).increment();
    }

    /**
     * Counts a request and its cost per value of every tag declared {@code metric_label: true}
     * ({@code tollgate_tag_requests_total{tag, value}}, {@code tollgate_tag_cost_usd_total{tag, value}}): bounded,
     * since such a tag has at most its {@code max_values} values.
     */
    private void tagged(Exchange exchange) {
        exchange.dimensions().tags().forEach((name, value) -> {
            if (labelled.contains(name)) {
                io.micrometer.core.instrument.Counter.builder("tollgate.tag.requests")
                        .description("Requests per value of tags declared as metric labels")
                        .tag("tag", name).tag("value", value).register(registry).increment();
                if (exchange.priced() && exchange.cost().nanos() != 0) {
                    io.micrometer.core.instrument.Counter.builder("tollgate.tag.cost.usd")
                            .description("Cost per value of tags declared as metric labels, in US dollars")
                            .tag("tag", name).tag("value", value).register(registry)
                            .increment(exchange.cost().nanos() / 1e9);
                }
            }
        });
    }

    /**
     * Counts a tag left out of a request's attribution ({@code governance.tags.on_unknown: drop}).
     *
     * @param reason {@code unknown_name} or {@code over_cardinality}
     */
    public void tagDropped(String reason) {
        io.micrometer.core.instrument.Counter.builder("tollgate.tags.dropped")
                .description("Request tags dropped: undeclared names, or values past their name's bound")
                .tag("reason", reason).register(registry).increment();
    }

    /** Declares which tags are counted per value ({@code metric_label: true} under {@code governance.tags}). */
    public GatewayMetrics labelTags(java.util.Set<String> names) {
        this.labelled = java.util.Set.copyOf(names);
        return this;
    }

    /** Every metric in the Prometheus text format (version 0.0.4). */
    public String scrape() {
        refresh();
        return registry.scrape();
    }

    /** The content type of {@link #scrape()}'s text. */
    public static String contentType() {
        return "text/plain; version=0.0.4; charset=utf-8";
    }

    private synchronized void refresh() {
        state.refreshCache();
        Instant now = clock.instant();
        if (now.isBefore(refreshed.plus(GRID_REFRESH))) {
            return;
        }
        refreshed = now;
        quietly("key states", () -> keys.refresh(now));
        quietly("budgets and rate limits", () -> limits.refresh(now));
        quietly("cluster status", state::refreshCluster);
    }

    /** A gauge source that fails (the grid unavailable) keeps its last values; the scrape still answers. */
    private static void quietly(String what, Runnable read) {
        try {
            read.run();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "metrics: could not read the " + what + "; the last values stay", e);
        }
    }
}
