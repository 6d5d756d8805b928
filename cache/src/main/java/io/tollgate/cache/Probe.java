package io.tollgate.cache;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of looking a request up.
 *
 * @param hit the answer, if one was found
 * @param vector the request's embedding when the semantic path computed one (reused to store the answer)
 * @param embeddingTokens tokens a paid embedder counted for it (0 for the local model)
 */
public record Probe(Optional<CacheHit> hit, Optional<float[]> vector, long embeddingTokens) {

    /** Nothing found, nothing embedded. */
    public static final Probe MISS = new Probe(Optional.empty(), Optional.empty(), 0);

    public Probe {
        Objects.requireNonNull(hit, "hit");
        Objects.requireNonNull(vector, "vector");
    }
}
