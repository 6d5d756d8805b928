package io.tollgate.node.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.cache.CacheStats;
import io.tollgate.cache.ResponseCache;
import io.tollgate.cluster.ClusterServices;
import io.tollgate.cluster.ClusterStatus;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/**
 * The cluster's health as this member sees it and this node's response cache, from snapshots {@link #refresh}
 * takes (the cluster status asks the grid, so it is not read on every scrape).
 */
final class StateGauges {

    private final ClusterServices cluster;
    private final ResponseCache cache;
    private final AtomicReference<ClusterStatus> status = new AtomicReference<>();
    private final AtomicReference<CacheStats.Snapshot> stats = new AtomicReference<>();

    StateGauges(MeterRegistry registry, ClusterServices cluster, ResponseCache cache) {
        this.cluster = cluster;
        this.cache = cache;
        clusterGauge(registry, "tollgate.cluster.members", "Members in the cluster", s -> s.members().size());
        clusterGauge(registry, "tollgate.cluster.partitions.safe", "1 when every partition has its backups",
                s -> s.partitionsSafe() ? 1 : 0);
        clusterGauge(registry, "tollgate.cluster.quorum.present", "1 when the split-brain quorum is met",
                s -> s.quorumPresent() ? 1 : 0);
        clusterGauge(registry, "tollgate.store.healthy", "1 when the ledger's store answers",
                s -> s.storeHealthy() ? 1 : 0);
        Gauge.builder("tollgate.cache.entries", stats, ref -> value(ref, CacheStats.Snapshot::entries))
                .description("Entries in this node's replica of the response cache").register(registry);
        Gauge.builder("tollgate.cache.hit.ratio", stats, ref -> value(ref, StateGauges::hitRatio))
                .description("Hits / lookups of this node's cache since it started").register(registry);
        lookups(registry, "exact", CacheStats.Snapshot::exactHits);
        lookups(registry, "semantic", CacheStats.Snapshot::semanticHits);
        lookups(registry, "miss", CacheStats.Snapshot::misses);
    }

    /** Reads the cluster's status (a grid call). */
    void refreshCluster() {
        status.set(cluster.status());
    }

    /** Reads this node's cache counters (local and cheap). */
    void refreshCache() {
        stats.set(cache.stats());
    }

    private void clusterGauge(MeterRegistry registry, String name, String description,
                              ToDoubleFunction<ClusterStatus> read) {
        Gauge.builder(name, status, ref -> value(ref, read)).description(description).register(registry);
    }

    private void lookups(MeterRegistry registry, String result, ToDoubleFunction<CacheStats.Snapshot> read) {
        FunctionCounter.builder("tollgate.cache.lookups", stats, ref -> value(ref, read))
                .description("Cache lookups of this node by result").tag("result", result).register(registry);
    }

    private static <T> double value(AtomicReference<T> ref, ToDoubleFunction<T> read) {
        T current = ref.get();
        return current == null ? Double.NaN : read.applyAsDouble(current);
    }

    private static double hitRatio(CacheStats.Snapshot s) {
        long hits = s.exactHits() + s.semanticHits();
        long lookups = hits + s.misses();
        return lookups == 0 ? 0 : (double) hits / lookups;
    }
}
