package io.tollgate.cache;

import io.tollgate.cache.index.VectorIndex;
import io.tollgate.cluster.shared.SharedEntries;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * This node's copy of the shared entries: every entry by id (the exact path reads it with no grid call) and every
 * embedded entry in the local vector index (the semantic path). Kept in step by the shared map's events; expired
 * entries also leave on this node's own sweep, so an entry is never served past its expiry whatever the grid's
 * expiry timing. Thread-safe.
 */
final class Replica implements SharedEntries.Listener {

    private static final Logger LOG = Logger.getLogger(Replica.class.getName());

    private final ConcurrentHashMap<String, CacheEntry> entries = new ConcurrentHashMap<>();
    private final VectorIndex index;
    private final Clock clock;
    private final AtomicLong weight = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    /** Entries this node stored whose event has not come back yet, by id, encoded. */
    private final java.util.Map<String, byte[]> ownStores = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_OWN_PENDING = 10_000;

    Replica(VectorIndex index, Clock clock) {
        this.index = index;
        this.clock = clock;
    }

    @Override
    public void added(String key, byte[] value) {
        byte[] own = ownStores.remove(key);
        if (own != null && java.util.Arrays.equals(own, value)) {
            return;   // this node's own store coming back: already in place, no need to decode it again
        }
        Optional<CacheEntry> decoded = EntryCodec.decode(value);
        if (decoded.isEmpty() || !decoded.get().id().equals(key)) {
            if (skipped.getAndIncrement() == 0) {
                LOG.warning("cache entry " + key + " is of an unknown format (a newer node's?); it is not served");
            }
            return;
        }
        put(decoded.get());
    }

    @Override
    public void removed(String key, SharedEntries.Cause cause) {
        CacheEntry gone = entries.remove(key);
        if (gone != null) {
            weight.addAndGet(-gone.weight());
            if (gone.vector().length > 0) {
                index.delete(key);
            }
        }
    }

    @Override
    public void cleared() {
        entries.clear();
        weight.set(0);
        index.deleteAll();
    }

    /**
     * Adds an entry this node stores, remembering its encoded form until the shared map's event for it comes back
     * (then recognised by its bytes and not decoded again).
     */
    void putOwn(CacheEntry entry, byte[] encoded) {
        if (ownStores.size() >= MAX_OWN_PENDING) {
            ownStores.clear();   // events that never came back (a lost member): forget them, decoding is only slower
        }
        ownStores.put(entry.id(), encoded);
        put(entry);
    }

    /** Adds or replaces an entry (an expired one is dropped). */
    void put(CacheEntry entry) {
        if (entry.expired(clock.instant())) {
            return;
        }
        CacheEntry previous = entries.put(entry.id(), entry);
        weight.addAndGet(entry.weight() - (previous == null ? 0 : previous.weight()));
        if (entry.vector().length > 0) {
            index.upsert(entry.id(), entry.partition(), entry.vector());
        } else if (previous != null && previous.vector().length > 0) {
            index.delete(entry.id());
        }
    }

    /** The live entry with this id. */
    Optional<CacheEntry> get(String id, Instant now) {
        CacheEntry entry = entries.get(id);
        return entry == null || entry.expired(now) ? Optional.empty() : Optional.of(entry);
    }

    /** The nearest live entries of a partition, best first. */
    List<VectorIndex.Match> nearest(String partition, float[] vector, int k) {
        return index.search(partition, vector, k);
    }

    /** Removes every expired entry from this node's view; returns how many. */
    int sweep() {
        Instant now = clock.instant();
        int removed = 0;
        for (CacheEntry entry : entries.values()) {
            if (entry.expired(now) && entries.remove(entry.id(), entry)) {
                weight.addAndGet(-entry.weight());
                if (entry.vector().length > 0) {
                    index.delete(entry.id());
                }
                removed++;
            }
        }
        return removed;
    }

    /** The ids of the entries of a scope and of the scopes it was narrowed to by a request header. */
    List<String> idsOfScope(String scope) {
        return entries.values().stream()
                .filter(entry -> entry.scope().equals(scope) || entry.scope().startsWith(scope + "|"))
                .map(CacheEntry::id)
                .toList();
    }

    int size() {
        return entries.size();
    }

    long weight() {
        return weight.get();
    }

    int indexed() {
        return index.size();
    }

    /** Entries this node could not read. */
    long unreadable() {
        return skipped.get();
    }
}
