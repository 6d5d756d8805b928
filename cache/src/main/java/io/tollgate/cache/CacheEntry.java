package io.tollgate.cache;

import java.time.Instant;
import java.util.Objects;

/**
 * One cached answer as the cluster holds it.
 *
 * @param id the request's exact id (see {@link io.tollgate.cache.key.RequestKey})
 * @param scope who may be served it
 * @param partition what must match exactly for a semantic hit
 * @param vector the embedded text's unit vector; empty when it was not embedded (exact hits only)
 * @param format the answer's format, as the node names it (for example {@code openai})
 * @param payload the whole answer in that format
 * @param costNanos what the answer cost when it was fetched: what each hit saves
 * @param createdAt when it was stored
 * @param expiresAt when it stops being served
 */
public record CacheEntry(String id, String scope, String partition, float[] vector, String format, byte[] payload,
                         long costNanos, Instant createdAt, Instant expiresAt) {

    public CacheEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(vector, "vector");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(payload, "payload");
        if (costNanos < 0) {
            throw new IllegalArgumentException("costNanos must be >= 0, was " + costNanos);
        }
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** True once {@code now} is at or past its expiry. */
    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Roughly the bytes it occupies in memory. */
    public long weight() {
        return payload.length + 4L * vector.length + 2L * (id.length() + scope.length() + partition.length()) + 96;
    }
}
