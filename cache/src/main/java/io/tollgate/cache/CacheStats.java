package io.tollgate.cache;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one node's cache. Thread-safe. */
public final class CacheStats {

    private final LongAdder exactHits = new LongAdder();
    private final LongAdder semanticHits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder stores = new LongAdder();
    private final LongAdder storeFailures = new LongAdder();
    private final LongAdder storesDropped = new LongAdder();
    private final LongAdder embeddings = new LongAdder();
    private final LongAdder embeddingNanos = new LongAdder();
    private final LongAdder embeddingFailures = new LongAdder();
    private final LongAdder savedNanos = new LongAdder();

    CacheStats() {
    }

    void hit(CacheHit.Kind kind, long saved) {
        (kind == CacheHit.Kind.EXACT ? exactHits : semanticHits).increment();
        savedNanos.add(saved);
    }

    void miss() {
        misses.increment();
    }

    void stored() {
        stores.increment();
    }

    void storeFailed() {
        storeFailures.increment();
    }

    void storeDropped() {
        storesDropped.increment();
    }

    void embedded(long nanos) {
        embeddings.increment();
        embeddingNanos.add(nanos);
    }

    void embeddingFailed() {
        embeddingFailures.increment();
    }

    Snapshot snapshot(int entries, int indexed, long bytes) {
        return new Snapshot(entries, indexed, bytes, exactHits.sum(), semanticHits.sum(), misses.sum(), stores.sum(),
                storeFailures.sum() + storesDropped.sum(), embeddings.sum(), embeddingNanos.sum(),
                embeddingFailures.sum(), savedNanos.sum());
    }

    /**
     * The counters at one moment.
     *
     * @param entries entries in this node's replica
     * @param indexed entries in its vector index
     * @param bytes roughly the memory the replica holds
     * @param exactHits requests answered by an identical one
     * @param semanticHits requests answered by a similar one
     * @param misses lookups that found nothing
     * @param stores answers stored
     * @param storeFailures answers that could not be stored (shared map failure, or the store queue full)
     * @param embeddings texts embedded for lookups
     * @param embeddingNanos time spent embedding them
     * @param embeddingFailures embeddings that failed (counted as misses)
     * @param savedNanos what the hits' answers cost when they were fetched, in nano-dollars
     */
    public record Snapshot(int entries, int indexed, long bytes, long exactHits, long semanticHits, long misses,
                           long stores, long storeFailures, long embeddings, long embeddingNanos,
                           long embeddingFailures, long savedNanos) {
    }
}
