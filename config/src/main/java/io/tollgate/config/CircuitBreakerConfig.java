package io.tollgate.config;

/**
 * When a provider key's circuit opens (the key is skipped), and how it closes again. It opens after
 * {@code consecutiveFailures} failures in a row, or when at least {@code errorRatePercent} of the last
 * {@code window} requests failed (once {@code window} requests were seen); after {@code openMs} it lets
 * {@code halfOpenProbes} requests through, and closes when they succeed.
 *
 * @param consecutiveFailures failures in a row that open the circuit, 1..1000
 * @param errorRatePercent the failure share of the window that opens it, 1..100
 * @param window how many recent requests the error rate counts, 1..{@value #MAX_WINDOW}
 * @param openMs how long it stays open before probing, 1..3600000 (one hour)
 * @param halfOpenProbes trial requests let through when half open, 1..{@code window}
 */
public record CircuitBreakerConfig(int consecutiveFailures, int errorRatePercent, int window, long openMs,
                                   int halfOpenProbes) {

    /** Opens after 5 failures in a row or 50% of the last 20; probes once after 30 s. */
    public static final CircuitBreakerConfig DEFAULT = new CircuitBreakerConfig(5, 50, 20, 30_000, 1);

    /** The most outcomes the error rate may count (the balancer keeps them as bits of one word). */
    public static final int MAX_WINDOW = 56;

    public CircuitBreakerConfig {
        requireRange("consecutive_failures", consecutiveFailures, 1, 1_000);
        requireRange("error_rate_percent", errorRatePercent, 1, 100);
        requireRange("window", window, 1, MAX_WINDOW);
        requireRange("open_ms", openMs, 1, 3_600_000);
        requireRange("half_open_probes", halfOpenProbes, 1, window);
    }

    private static void requireRange(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be " + min + ".." + max + ", was " + value);
        }
    }
}
