package io.tollgate.cache;

import java.util.Objects;

/**
 * A cached answer found for a request.
 *
 * @param entry the answer
 * @param kind how it was found
 * @param similarity 1 for an exact hit, the cosine similarity of a semantic one
 */
public record CacheHit(CacheEntry entry, Kind kind, double similarity) {

    public CacheHit {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(kind, "kind");
    }

    /** How a hit was found. */
    public enum Kind {
        /** The same canonical request. */
        EXACT,
        /** A request close enough in meaning. */
        SEMANTIC
    }
}
