package io.tollgate.cache.index;

import java.util.List;

/**
 * A node-local nearest-neighbour index of cache entries: each entry has an id, a partition (the exact set of
 * things that must match for two requests to share an answer: scope, model, parameters) and a unit vector. A
 * search only ever returns entries of the partition it names. Thread-safe: writes come from grid event threads,
 * searches from request threads.
 */
public interface VectorIndex extends AutoCloseable {

    /** Adds an entry, or replaces the one with the same id. Searchable after the next refresh. */
    void upsert(String id, String partition, float[] vector);

    /** Removes an entry, if present. */
    void delete(String id);

    /** Removes every entry. */
    void deleteAll();

    /**
     * The entries of one partition nearest to a vector, best first, at most {@code k}.
     *
     * @param k how many neighbours to look at; ask for 10 or more (HNSW's top-1 is greedy and misses)
     */
    List<Match> search(String partition, float[] vector, int k);

    /** Entries in the index, including changes not yet searchable. */
    int size();

    /** Makes every change made so far searchable; blocks until it is. */
    void refresh();

    @Override
    void close();

    /**
     * A neighbour.
     *
     * @param id the entry's id
     * @param similarity cosine similarity, -1 to 1
     */
    record Match(String id, double similarity) {
    }
}
