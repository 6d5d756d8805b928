package io.tollgate.config;

/**
 * How a node leases bounded parts of an account's room so the common request is admitted and settled in the
 * node's memory (see the cluster module's README). The cap stays exact either way.
 *
 * @param enabled false admits and settles every request on the account's owner (two grid steps per request)
 * @param flushIntervalMs how often a node charges its leases' spend to the grid and resizes them
 * @param ttlMs a lease not renewed for this long (its node died or was cut off) is charged everything it held
 * @param idleMs a lease unused for this long gives back its free part
 */
public record LeaseConfig(boolean enabled, long flushIntervalMs, long ttlMs, long idleMs) {

    /** On: flush every 50 ms, 10-second TTL, free part back after 1 second idle. */
    public static final LeaseConfig DEFAULT = new LeaseConfig(true, 50, 10_000, 1_000);

    public LeaseConfig {
        if (flushIntervalMs < 1) {
            throw new IllegalArgumentException("flush_interval_ms must be at least 1, was " + flushIntervalMs);
        }
        if (ttlMs < 4 * flushIntervalMs) {
            throw new IllegalArgumentException("ttl_ms must be at least 4 × flush_interval_ms ("
                    + 4 * flushIntervalMs + "), was " + ttlMs);
        }
        if (idleMs < flushIntervalMs) {
            throw new IllegalArgumentException("idle_ms must be at least flush_interval_ms (" + flushIntervalMs
                    + "), was " + idleMs);
        }
    }
}
