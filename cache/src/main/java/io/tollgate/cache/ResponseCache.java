package io.tollgate.cache;

import io.tollgate.cache.embed.Embedder;
import io.tollgate.cache.embed.EmbeddingException;
import io.tollgate.cache.index.VectorIndex;
import io.tollgate.cache.key.RequestKey;
import io.tollgate.cluster.shared.SharedEntries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The response cache of one node: looks requests up in this node's replica of the cluster's entries (the exact id
 * first, with no grid call; then, when asked, the nearest embedded entry of the request's partition at or above a
 * similarity threshold) and stores answers in the shared map after the response, off the request's thread. Thread-safe.
 */
public final class ResponseCache implements AutoCloseable {

    /**
     * Neighbours looked at per semantic lookup: HNSW's top-1 is greedy, so ask for more and keep the best (recall@1
     * on random vectors: 0.99 at k = 20 for 10,000 entries, but 0.49 at k = 20 and 0.73 at k = 50 for 100,000;
     * bench/RESULTS.md). The search costs far less than the embedding before it.
     */
    static final int NEIGHBOURS = 50;
    private static final Logger LOG = Logger.getLogger(ResponseCache.class.getName());

    private final SharedEntries shared;
    private final Optional<Embedder> embedder;
    private final Clock clock;
    private final Replica replica;
    private final VectorIndex index;
    private final SharedEntries.Subscription subscription;
    private final ThreadPoolExecutor storer;
    private final ScheduledExecutorService sweeper;
    private final CacheStats stats = new CacheStats();

    private ResponseCache(SharedEntries shared, VectorIndex index, Optional<Embedder> embedder, Clock clock) {
        this.shared = shared;
        this.index = index;
        this.embedder = embedder;
        this.clock = clock;
        this.replica = new Replica(index, clock);
        this.storer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1024),
                Thread.ofPlatform().daemon().name("tollgate-cache-store").factory());
        this.sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("tollgate-cache-sweep").factory());
        this.subscription = shared.subscribe(replica);
        sweeper.scheduleWithFixedDelay(replica::sweep, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * A cache over the cluster's shared entries; subscribes at once and receives every entry the cluster holds.
     *
     * @param index this node's vector index (closed with the cache)
     * @param embedder what embeds requests for the semantic path; empty for exact lookups only
     */
    public static ResponseCache create(SharedEntries shared, VectorIndex index, Optional<Embedder> embedder,
                                       Clock clock) {
        return new ResponseCache(Objects.requireNonNull(shared, "shared"), Objects.requireNonNull(index, "index"),
                Objects.requireNonNull(embedder, "embedder"), Objects.requireNonNull(clock, "clock"));
    }

    /** The embedding model's name, or {@code none} without an embedder. */
    public String embeddingModel() {
        return embedder.map(Embedder::model).orElse("none");
    }

    /** True when semantic lookups are possible (an embedder is configured). */
    public boolean semanticAvailable() {
        return embedder.isPresent();
    }

    /**
     * Looks a request up: the exact entry of its id, then, when {@code semantic}, the nearest entry of its
     * partition with a similarity of at least {@code threshold}. An embedding failure is a miss.
     */
    public Probe probe(RequestKey key, boolean semantic, double threshold) {
        Instant now = clock.instant();
        Optional<CacheEntry> exact = replica.get(key.exactId(), now).filter(entry -> entry.scope().equals(key.scope()));
        if (exact.isPresent()) {
            stats.hit(CacheHit.Kind.EXACT, exact.get().costNanos());
            return new Probe(Optional.of(new CacheHit(exact.get(), CacheHit.Kind.EXACT, 1.0)), Optional.empty(), 0);
        }
        if (!semantic || embedder.isEmpty() || key.text().isEmpty()) {
            stats.miss();
            return Probe.MISS;
        }
        Embedder.Embedding embedding;
        try {
            long start = System.nanoTime();
            embedding = embedder.get().embed(key.text().get());
            stats.embedded(System.nanoTime() - start);
        } catch (EmbeddingException e) {
            stats.embeddingFailed();
            LOG.log(Level.FINE, "embedding failed; the request is a miss", e);
            stats.miss();
            return Probe.MISS;
        }
        for (VectorIndex.Match match : replica.nearest(key.partition(), embedding.vector(), NEIGHBOURS)) {
            if (match.similarity() < threshold) {
                break;
            }
            Optional<CacheEntry> entry = replica.get(match.id(), now)
                    .filter(found -> found.scope().equals(key.scope()) && found.partition().equals(key.partition()));
            if (entry.isPresent()) {
                stats.hit(CacheHit.Kind.SEMANTIC, entry.get().costNanos());
                return new Probe(Optional.of(new CacheHit(entry.get(), CacheHit.Kind.SEMANTIC, match.similarity())),
                        Optional.of(embedding.vector()), embedding.inputTokens());
            }
        }
        stats.miss();
        return new Probe(Optional.empty(), Optional.of(embedding.vector()), embedding.inputTokens());
    }

    /**
     * Stores an answer after the response, on a background thread: embeds the request when the probe did not
     * (and an embedder is configured), puts the entry in the shared map and in this node's replica at once. When
     * the background queue is full the answer is not stored (counted).
     *
     * @param probe the request's probe (its vector is reused)
     * @param format the answer's format
     * @param payload the whole answer
     * @param costNanos what the answer cost
     * @param ttl how long it lives
     */
    public void store(RequestKey key, Probe probe, String format, byte[] payload, long costNanos, Duration ttl) {
        store(key, probe, format, () -> Optional.of(payload), costNanos, ttl);
    }

    /**
     * Stores an answer made up on the background thread, as {@link #store(RequestKey, Probe, String, byte[], long,
     * Duration)} does: {@code answer} is called there (it may parse and write JSON: not the request's work), and an
     * empty answer stores nothing.
     */
    public void store(RequestKey key, Probe probe, String format, java.util.function.Supplier<Optional<byte[]>> answer,
                      long costNanos, Duration ttl) {
        try {
            storer.execute(() -> {
                Optional<byte[]> payload;
                try {
                    payload = answer.get();
                } catch (RuntimeException e) {
                    stats.storeFailed();
                    LOG.log(Level.WARNING, "cache entry not made up", e);
                    return;
                }
                payload.ifPresent(bytes -> storeNow(key, probe, format, bytes, costNanos, ttl));
            });
        } catch (RejectedExecutionException full) {
            stats.storeDropped();
        }
    }

    private void storeNow(RequestKey key, Probe probe, String format, byte[] payload, long costNanos, Duration ttl) {
        try {
            float[] vector = probe.vector().orElseGet(() -> embedForStore(key));
            Instant now = clock.instant();
            CacheEntry entry = new CacheEntry(key.exactId(), key.scope(), key.partition(), vector, format, payload,
                    costNanos, now, now.plus(ttl));
            byte[] encoded = EntryCodec.encode(entry);
            replica.putOwn(entry, encoded);
            shared.put(entry.id(), encoded, ttl).whenComplete((done, failure) -> {
                if (failure != null) {
                    stats.storeFailed();
                    LOG.log(Level.WARNING, "cache entry not shared: " + failure.getMessage());
                }
            });
            stats.stored();
        } catch (RuntimeException e) {
            stats.storeFailed();
            LOG.log(Level.WARNING, "cache entry not stored", e);
        }
    }

    private float[] embedForStore(RequestKey key) {
        if (embedder.isEmpty() || key.text().isEmpty()) {
            return new float[0];
        }
        try {
            return embedder.get().embed(key.text().get()).vector();
        } catch (EmbeddingException e) {
            return new float[0];
        }
    }

    /** Removes every entry of the cluster, or those of one scope (and its narrowed scopes); returns how many. */
    public int clear(Optional<String> scope) {
        if (scope.isEmpty()) {
            int count = replica.size();
            shared.clear();
            replica.cleared();
            return count;
        }
        List<String> ids = replica.idsOfScope(scope.get());
        shared.removeAll(ids);
        ids.forEach(id -> replica.removed(id, SharedEntries.Cause.REMOVED));
        return ids.size();
    }

    /** Entries in the whole cluster (a round trip to every member: for the management API, not requests). */
    public int clusterSize() {
        return shared.size();
    }

    /** Counts of this node since it started, and the size of its replica. */
    public CacheStats.Snapshot stats() {
        return stats.snapshot(replica.size(), replica.indexed(), replica.weight());
    }

    /** Makes every change received so far searchable (tests, and a node that just rebuilt its view). */
    public void refresh() {
        replica.sweep();
        index.refresh();
    }

    /** Waits for stores in flight, then makes them searchable (tests, benchmarks). */
    public void flush() {
        try {
            storer.submit(() -> { }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.FINE, "cache flush interrupted", e);
        }
        index.refresh();
    }

    @Override
    public void close() {
        storer.shutdown();
        try {
            storer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sweeper.shutdownNow();
        subscription.close();
        index.close();
        embedder.ifPresent(Embedder::close);
    }
}
