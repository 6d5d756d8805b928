package io.tollgate.config;

/**
 * How a failed upstream attempt is retried: on another key or provider where one is left, with exponential backoff
 * between attempts.
 *
 * @param max retries after the first attempt, 0..10; 0 never retries
 * @param backoffInitialMs the wait before the first retry, at least 1; each next wait doubles
 * @param backoffMaxMs the longest wait, at least {@code backoffInitialMs}
 */
public record RetryPolicy(int max, long backoffInitialMs, long backoffMaxMs) {

    /** The most retries a provider may ask for. */
    public static final int MAX_RETRIES = 10;

    /** Two retries, waiting 100 ms, then 200 ms, never more than 2 s. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(2, 100, 2_000);

    public RetryPolicy {
        if (max < 0 || max > MAX_RETRIES) {
            throw new IllegalArgumentException("max must be 0.." + MAX_RETRIES + ", was " + max);
        }
        if (backoffInitialMs < 1) {
            throw new IllegalArgumentException("backoff_initial_ms must be at least 1, was " + backoffInitialMs);
        }
        if (backoffMaxMs < backoffInitialMs) {
            throw new IllegalArgumentException("backoff_max_ms must be at least backoff_initial_ms ("
                    + backoffInitialMs + "), was " + backoffMaxMs);
        }
    }
}
