package io.tollgate.node;

import io.helidon.webserver.WebServer;
import io.tollgate.node.admin.AccessControl;
import io.tollgate.cluster.ClusterServices;
import io.tollgate.adapters.pricing.PricingCatalog;
import io.tollgate.adapters.spi.HttpTransport;
import io.tollgate.adapters.spi.ProviderAdapter;
import io.tollgate.adapters.spi.ProviderAdapters;
import io.tollgate.config.ClusterConfig;
import io.tollgate.config.ProviderConfig;
import io.tollgate.config.TollgateConfig;
import io.tollgate.node.admin.ManagementRouting;
import io.tollgate.node.http.GatewayRouting;
import io.tollgate.node.http.RouteTable;
import io.tollgate.node.metrics.GatewayMetrics;
import io.tollgate.node.metrics.MetricsEndpoint;
import io.tollgate.node.pipeline.AccountStage;
import io.tollgate.node.pipeline.AttributeStage;
import io.tollgate.node.pipeline.AuthenticateStage;
import io.tollgate.node.pipeline.BalanceStage;
import io.tollgate.node.pipeline.CacheStage;
import io.tollgate.node.upstream.ProviderEmbedder;
import io.tollgate.node.tracing.RequestTracing;
import io.tollgate.node.alerts.BudgetAlerts;
import io.tollgate.node.alerts.BudgetState;
import io.tollgate.node.pipeline.Stage;
import io.tollgate.cache.ResponseCache;
import io.tollgate.cache.embed.Embedder;
import io.tollgate.cache.embed.MiniLmEmbedder;
import io.tollgate.cache.index.LuceneVectorIndex;
import io.tollgate.cache.key.RequestKeys;
import io.tollgate.config.CacheConfig;
import io.tollgate.config.CacheMode;
import java.util.Optional;
import io.tollgate.node.pipeline.FailoverStage;
import io.tollgate.node.pipeline.GovernStage;
import io.tollgate.node.pipeline.InvokeStage;
import io.tollgate.node.pipeline.NodeStats;
import io.tollgate.node.pipeline.ObserveStage;
import io.tollgate.node.pipeline.Pipeline;
import io.tollgate.node.pipeline.RouteStage;
import io.tollgate.node.pipeline.Settlements;
import io.tollgate.node.upstream.HelidonTransport;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The assembly of one node: every component is created and wired here, once, and tests start nodes through the same
 * class. Start with {@link #start(TollgateConfig, Clock)}; {@link #close()} stops the server and releases upstream
 * connections.
 */
public final class TollgateNode implements AutoCloseable {

    private final TollgateConfig config;
    private final RouteTable routes = RouteTable.create();
    private final PricingCatalog catalog;
    private final WebServer server;
    private final List<HttpTransport> transports;
    private final ScheduledExecutorService watchdog;
    private final ClusterServices cluster;
    private final Settlements settlements;
    private final io.tollgate.node.batch.BatchSettler batchSettler;
    private final NodeStats stats = NodeStats.create();
    private final ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("tollgate-member-info").factory());
    private final Clock clock;
    private final java.time.Instant startedAt;
    private final java.util.ArrayDeque<Long> lastTotals = new java.util.ArrayDeque<>();
    private volatile boolean ready;
    private final ResponseCache cache;
    private final RequestTracing tracing;
    private volatile BudgetAlerts alerts;
    private volatile io.tollgate.node.alerts.MarginAlerts marginAlerts;
    private final io.tollgate.node.reconcile.ReconcileImports imports;
    private final Optional<io.tollgate.node.logship.LogShipper> logShipper;
    private final Pipeline pipeline;
    private volatile String nodeName;
    private Map<String, io.tollgate.node.balance.KeyBalancer> balancers = Map.of();
    private final Optional<io.tollgate.node.http.ListenerTls> tls;

    private TollgateNode(TollgateConfig config, Clock clock, RequestTracing tracing) {
        // first: a TLS file that cannot be used stops the node before anything starts
        this.tls = config.server().tls().map(t -> io.tollgate.node.http.ListenerTls.load(t, config.source(), clock));
        this.tracing = tracing;
        this.startedAt = clock.instant();
        this.config = config;
        this.catalog = PricingCatalog.bundled().withOverrides(config.pricing());
        this.watchdog = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("tollgate-upstream-watchdog").factory());
        this.transports = new ArrayList<>();
        Map<String, ProviderAdapter> adapters = new LinkedHashMap<>();
        for (ProviderConfig provider : config.providers().values()) {
            if (!provider.enabled()) {
                continue;
            }
            HttpTransport transport = HelidonTransport.create(provider, watchdog);
            transports.add(transport);
            adapters.put(provider.name(), ProviderAdapters.create(provider, transport, clock));
        }
        this.cluster = ClusterServices.start(config, clock);
        this.clock = clock;
        this.settlements = Settlements.create(cluster.ledger(), clock);
        this.batchSettler = io.tollgate.node.batch.BatchSettler.create(cluster.batches(), adapters, catalog,
                cluster.ledger(), cluster.requestLog(), cluster::chargedOutsideLeases, this::nodeName, clock,
                java.time.Duration.ofMinutes(1));
        BalanceStage balance = BalanceStage.create(adapters, cluster.keyHealth(), clock);
        this.balancers = balance.balancers();
        this.cache = responseCache(config.cache(), cluster, clock, adapters);
        this.imports = io.tollgate.node.reconcile.ReconcileImports.create(config.reconcile(), cluster.reconcile(),
                cluster.alertClaims(), clock);
        this.logShipper = config.logExport().map(export -> io.tollgate.node.logship.LogShipper.create(export,
                cluster.logExport(export.sink()), io.tollgate.node.logship.S3ObjectStore.create(export, clock),
                this::nodeName, clock));
        GatewayMetrics metrics = GatewayMetrics.create(stats, cluster, balance.balancers(), cache, clock)
                .labelTags(config.governance().tags().names().entrySet().stream()
                        .filter(tag -> tag.getValue().metricLabel()).map(Map.Entry::getKey)
                        .collect(java.util.stream.Collectors.toSet()));
        if (config.server().passThrough()) {
            // a measuring baseline: route and relay only (see ServerConfig.passThrough)
            this.pipeline = Pipeline.of(List.of(RouteStage.create(config, catalog, adapters), balance,
                    InvokeStage.create(clock, tracing::upstreamHeaders)));
        } else {
            List<Stage> stages = java.util.Arrays.asList(
                    ObserveStage.create(stats, metrics, cluster.requestLog(), config.logging(), clock,
                            this::nodeName),
                    AuthenticateStage.create(cluster.registry(), config.governance().enforce(), clock),
                    AttributeStage.create(config.governance().tags(), cluster.tagValues(), metrics::tagDropped),
                    io.tollgate.node.pipeline.BatchStage.create(config, catalog, adapters, cluster.batches(),
                            batchSettler, clock),
                    io.tollgate.node.pipeline.StoredResponseStage.create(cluster.responses(), clock),
                    RouteStage.create(config, catalog, adapters),
                    FailoverStage.create(),
                    GovernStage.create(cluster.registry(), cluster.ledger(), clock, config.governance(), settlements,
                            config.cluster().map(c -> c.onPartition() == ClusterConfig.OnPartition.OPEN).orElse(false)),
                    CacheStage.create(cache, RequestKeys.create(config.cache().embed(), cache.embeddingModel()),
                            config.cache(), cluster.registry(), clock, embeddingPrice(config, catalog)),
                    io.tollgate.node.pipeline.LocalAnswerStage.create(),
                    balance,
                    AccountStage.create(),
                    InvokeStage.create(clock, tracing::upstreamHeaders));
            List<Stage> traced = tracing.wrap(stages, java.util.Arrays.asList(null, null, null, null, null, null,
                    null, "governance", "cache", null, null, "accounting", "upstream attempt"));
            // the request span (when tracing) and the observe stage also see requests refused before the pipeline
            this.pipeline = Pipeline.of(traced, traced.size() - stages.size() + 1);
        }
        AccessControl access = AccessControl.create(config.admin(), cluster.adminTokens(), metrics::authRefused,
                clock);
        this.server = clientLimits(WebServer.builder())
                .host(config.server().host())
                .port(config.server().port())
                .connectionOptions(options -> options.tcpNoDelay(true))
                .update(builder -> tls.ifPresent(t -> builder.tls(t.tls())))
                .routing(routing -> {
                    tls.flatMap(io.tollgate.node.http.ListenerTls::managementFilter).ifPresent(routing::addFilter);
                    ManagementRouting.register(routes.recording(routing, RouteTable.Scope.MANAGEMENT), cluster,
                            config, clock, balance.balancers(), cache, () -> baseUri().toString(), this::nodeName,
                            new ManagementRouting.Reconciling(catalog, imports), access);
                    MetricsEndpoint.register(routes.recording(routing, RouteTable.Scope.METRICS), metrics, access);
                    GatewayRouting.register(routes.recording(routing, RouteTable.Scope.GATEWAY), config, catalog,
                            pipeline, () -> ready, watchdog);
                })
                .build();
    }

    /** Every route this node registered, classified (the route-enumeration test reads it). */
    public RouteTable routes() {
        return routes;
    }

    /** The listener's limits on slow and hostile clients; their timers run on the watchdog thread. */
    private io.helidon.webserver.WebServerConfig.Builder clientLimits(
            io.helidon.webserver.WebServerConfig.Builder builder) {
        return io.tollgate.node.http.ClientLimits.apply(builder, config.server().timeouts(), watchdog);
    }

    /**
     * The request pipeline this node runs behind its API routes (in-process benchmarks drive it directly, with
     * exchanges of their own).
     */
    public Pipeline pipeline() {
        return pipeline;
    }

    /**
     * The node's response cache over the cluster's shared entries. The local embedding model is loaded only when
     * the configuration asks for semantic caching somewhere (loading takes about a second); without it a request
     * asking for semantic mode gets exact lookups.
     */
    private static ResponseCache responseCache(CacheConfig config, ClusterServices cluster, Clock clock,
                                               Map<String, ProviderAdapter> adapters) {
        boolean semantic = config.mode() == CacheMode.SEMANTIC || config.virtualKeys().values().stream()
                .anyMatch(o -> o.mode().filter(m -> m == CacheMode.SEMANTIC).isPresent());
        Optional<Embedder> embedder = Optional.empty();
        if (semantic && config.embedder().type() == CacheConfig.EmbedderConfig.Type.LOCAL) {
            embedder = Optional.of(MiniLmEmbedder.create());
        } else if (semantic) {
            String provider = config.embedder().provider().orElseThrow();
            ProviderAdapter adapter = adapters.get(provider);
            if (adapter == null) {
                throw new IllegalStateException("cache.embedder: provider '" + provider + "' is disabled");
            }
            embedder = Optional.of(ProviderEmbedder.create(adapter, config.embedder().model().orElseThrow(),
                    config.embedder().dimensions().orElseThrow()));
        }
        return ResponseCache.create(cluster.sharedEntries("tollgate.cache.entries", config.maxEntries()),
                LuceneVectorIndex.create(embedder.map(Embedder::dimensions).orElse(MiniLmEmbedder.DIMENSIONS)),
                embedder, clock);
    }

    /** The price of the cache's paid embedding model, if it uses one. */
    private static Optional<io.tollgate.adapters.pricing.Price> embeddingPrice(TollgateConfig config,
                                                                               PricingCatalog catalog) {
        CacheConfig.EmbedderConfig embedder = config.cache().embedder();
        if (embedder.type() != CacheConfig.EmbedderConfig.Type.PROVIDER) {
            return Optional.empty();
        }
        ProviderConfig provider = config.provider(embedder.provider().orElseThrow()).orElseThrow();
        return catalog.price(provider.name(), provider.type(), embedder.model().orElseThrow());
    }

    /** The node's response cache. */
    public ResponseCache cache() {
        return cache;
    }

    /** The whole cluster's spend between two instants, from the request log. */
    private static long spend(ClusterServices cluster, java.time.Instant from, java.time.Instant to) {
        return cluster.requestLog().spend(new io.tollgate.cluster.log.SpendQuery(
                io.tollgate.cluster.log.SpendQuery.GroupBy.PROVIDER, Optional.of(from), Optional.of(to)))
                .stream().mapToLong(io.tollgate.cluster.log.SpendRow::costNanos).sum();
    }

    /** The provider keys the cluster has marked dead, as this node's balancers see them. */
    private static java.util.List<io.tollgate.node.alerts.DeadKey> deadKeys(
            Map<String, io.tollgate.node.balance.KeyBalancer> balancers) {
        java.util.List<io.tollgate.node.alerts.DeadKey> dead = new ArrayList<>();
        balancers.forEach((provider, balancer) -> balancer.report().forEach(key -> {
            if (key.health().status() == io.tollgate.cluster.health.KeyState.Status.DEAD) {
                dead.add(new io.tollgate.node.alerts.DeadKey(provider, key.name(), key.health().reason(),
                        key.health().since()));
            }
        }));
        return dead;
    }

    /** Every budget of every owner with its counter now, for the alerts (grid reads, off the request path). */
    private static java.util.List<BudgetState> budgets(ClusterServices cluster, Clock clock) {
        java.time.Instant now = clock.instant();
        java.util.Map<String, BudgetState> byCounter = new java.util.LinkedHashMap<>();
        java.util.Map<String, java.util.List<io.tollgate.cluster.ledger.CounterView>> byAccount = new java.util.HashMap<>();
        for (var owner : cluster.registry().allLimits()) {
            var views = byAccount.computeIfAbsent(owner.accountId(), account -> cluster.ledger().counters(account, now));
            for (var view : views) {
                if (view.kind() == io.tollgate.cluster.ledger.CounterKind.BUDGET && view.level() == owner.level()
                        && view.ownerId().equals(owner.ownerId())) {
                    byCounter.putIfAbsent(view.counterId(), new BudgetState(view, owner.ownerName()));
                }
            }
        }
        return java.util.List.copyOf(byCounter.values());
    }

    /** Builds a node from this configuration and starts listening; traces as the {@code OTEL_*} variables say. */
    public static TollgateNode start(TollgateConfig config, Clock clock) {
        return start(config, clock, RequestTracing.fromEnvironment(System.getenv()));
    }

    /** Builds a node that traces requests with {@code tracing}, and starts listening. */
    public static TollgateNode start(TollgateConfig config, Clock clock, RequestTracing tracing) {
        TollgateNode node = new TollgateNode(config, clock, tracing);
        node.server.start();
        io.tollgate.node.admin.ProviderAudit.recordIfChanged(node.cluster.audit(), config, clock, node.nodeName());
        node.tls.ifPresent(t -> t.watch(node.server::reloadTls));
        node.publish();
        node.publisher.scheduleWithFixedDelay(node::publish, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
        var ownerParents = io.tollgate.node.alerts.OwnerParents.from(node.cluster.registry());
        node.alerts = BudgetAlerts.create(config.alerts(), () -> budgets(node.cluster, clock),
                () -> deadKeys(node.balancers), (from, to) -> spend(node.cluster, from, to), ownerParents,
                node.cluster.alertClaims(), clock).start();
        node.marginAlerts = io.tollgate.node.alerts.MarginAlerts.create(config.alerts(),
                io.tollgate.node.alerts.MarginAlerts.reading(node.cluster.registry(), node.cluster.revenue()),
                ownerParents, node.cluster.alertClaims(), clock).start();
        node.imports.start();
        node.logShipper.ifPresent(io.tollgate.node.logship.LogShipper::start);
        node.ready = true;
        return node;
    }

    /** The node's version. */
    public static String version() {
        String version = TollgateNode.class.getPackage().getImplementationVersion();
        return version == null ? "0.1.0-SNAPSHOT" : version;
    }

    /** Publishes this node's information for the cluster status; requests per second over the last ten seconds. */
    private synchronized void publish() {
        try {
            long total = stats.total();
            lastTotals.addLast(total);
            if (lastTotals.size() > 11) {
                lastTotals.removeFirst();
            }
            double rps = lastTotals.size() < 2 ? 0 : (total - lastTotals.peekFirst()) / (double) (lastTotals.size() - 1);
            cluster.publish(new io.tollgate.cluster.MemberInfo(baseUri().toString(), version(), startedAt, rps,
                    stats.inFlight(), clock.instant()));
        } catch (RuntimeException e) {
            java.util.logging.Logger.getLogger(TollgateNode.class.getName()).log(java.util.logging.Level.FINE,
                    "could not publish member information", e);
        }
    }

    /** This node's name in log rows: its base URI, computed once the server listens (every request asks). */
    /** Settles the batches submitted through the gateway (its sweep runs once a minute by itself). */
    public io.tollgate.node.batch.BatchSettler batches() {
        return batchSettler;
    }

    private String nodeName() {
        String name = nodeName;
        if (name == null) {
            name = baseUri().toString();
            if (server != null && server.isRunning()) {
                nodeName = name;
            }
        }
        return name;
    }

    /** The port the node listens on (the configured one, or the one chosen for port 0). */
    public int port() {
        return server.port();
    }

    /** The base URL clients use, for example {@code http://127.0.0.1:8080} ({@code https} with TLS). */
    public URI baseUri() {
        String host = config.server().host();
        if (host.equals("0.0.0.0")) {
            host = "127.0.0.1";
        }
        String scheme = tls.isPresent() ? "https://" : "http://";
        return URI.create(scheme + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
    }

    /** The configuration the node runs with. */
    public TollgateConfig config() {
        return config;
    }

    /** The pricing catalog in force (bundled prices with the configuration's overrides). */
    public PricingCatalog catalog() {
        return catalog;
    }

    /** The cluster side: ledger and governance registry. */
    public ClusterServices cluster() {
        return cluster;
    }

    @Override
    public void close() {
        ready = false;
        if (marginAlerts != null) {
            marginAlerts.close();
        }
        if (alerts != null) {
            alerts.close();
        }
        imports.close();
        logShipper.ifPresent(io.tollgate.node.logship.LogShipper::close);
        publisher.shutdownNow();
        server.stop();
        tls.ifPresent(io.tollgate.node.http.ListenerTls::close);
        batchSettler.close();
        settlements.close();
        cache.close();
        tracing.close();
        transports.forEach(HttpTransport::close);
        watchdog.shutdownNow();
        cluster.close();
    }
}
