package io.tollgate.node.reconcile;

import io.tollgate.cluster.alerts.AlertClaims;
import io.tollgate.cluster.reconcile.ProviderFigure;
import io.tollgate.cluster.reconcile.ReconcileStore;
import io.tollgate.config.ReconcileConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Imports the configured providers' figures into the store: on demand ({@link #importNow}) and on a schedule. Time is
 * cut into slots of {@code interval_ms}; in each slot, each source is imported by the one member that wins the
 * cluster-wide claim {@code reconcile:<provider>:<slot>} (the same claims that send each alert once), so a cluster
 * imports once per interval however many members it has, and a member that left before finishing leaves the claim
 * to another. Runs on a thread of its own, never on the request path. Thread-safe.
 */
public final class ReconcileImports implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ReconcileImports.class.getName());
    /** How often a member looks whether the current slot's import is still unclaimed, at most. */
    private static final long MAX_CHECK_MS = 60_000;

    private final ReconcileConfig config;
    private final ReconcileStore store;
    private final AlertClaims claims;
    private final Clock clock;
    private final Map<String, ProviderReports> reports = new LinkedHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("tollgate-reconcile-import").factory());

    private ReconcileImports(ReconcileConfig config, ReconcileStore store, AlertClaims claims, Clock clock) {
        this.config = config;
        this.store = store;
        this.claims = claims;
        this.clock = clock;
        config.sources().forEach(source -> reports.put(source.provider(),
                ProviderReports.create(source, Duration.ofMillis(config.timeoutMs()))));
    }

    /** Imports for these sources into {@code store}; call {@link #start()} for the schedule. */
    public static ReconcileImports create(ReconcileConfig config, ReconcileStore store, AlertClaims claims,
                                          Clock clock) {
        return new ReconcileImports(config, store, claims, clock);
    }

    /** Starts the schedule (nothing runs when no source is configured). */
    public ReconcileImports start() {
        if (!reports.isEmpty()) {
            long check = Math.min(MAX_CHECK_MS, Math.max(250, config.intervalMs() / 4));
            scheduler.scheduleWithFixedDelay(this::runSlot, 0, check, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** True when a source for this provider is configured. */
    public boolean configured(String provider) {
        return reports.containsKey(provider);
    }

    /**
     * Pulls the provider's figures for the last {@code lookback_days} UTC days now, replacing what was stored for
     * those days.
     *
     * @return the result, or empty when no source is configured for the provider
     * @throws ImportException when the provider's API cannot be read (nothing is changed then)
     */
    public Optional<ImportResult> importNow(String provider) {
        ProviderReports report = reports.get(provider);
        if (report == null) {
            return Optional.empty();
        }
        LocalDate to = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate from = to.minusDays(config.lookbackDays() - 1L);
        List<ProviderFigure> figures = report.pull(from, to);
        store.replaceImported(provider, report.sourceName(), from, to, figures);
        return Optional.of(new ImportResult(provider, report.sourceName(), from, to, figures.size()));
    }

    private void runSlot() {
        long slot = clock.millis() / config.intervalMs();
        for (String provider : reports.keySet()) {
            String key = "reconcile:" + provider + ":" + slot;
            try {
                if (claims.claim(key, Duration.ofMillis(config.intervalMs()))) {
                    ImportResult result = importNow(provider).orElseThrow();
                    claims.delivered(key);
                    LOG.fine(() -> "imported " + result.figures() + " figures of " + provider);
                }
            } catch (RuntimeException e) {
                // the claim stays, so this slot is not retried by every member at once; the next slot tries again
                LOG.log(Level.WARNING, "importing the figures of " + provider + " failed: " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /**
     * What one import stored.
     *
     * @param provider the provider
     * @param source the source name its figures are stored under
     * @param from the first day imported
     * @param to the last day imported
     * @param figures figures stored (one per day and model)
     */
    public record ImportResult(String provider, String source, LocalDate from, LocalDate to, int figures) {
    }
}
