package io.tollgate.node.balance;

import java.time.Duration;
import java.util.Objects;

/**
 * When a key's circuit opens on a node and how it closes again. Failures that count: 5xx answers, unreachable
 * upstreams and timeouts; the client's own errors, cancellations, 429 (a cool-down) and 401/403 (dead) do not.
 *
 * @param consecutiveFailures the circuit opens after this many failures in a row
 * @param errorRatePercent or when at least this share of the last {@code window} outcomes failed (a full window)
 * @param window how many recent outcomes the error rate looks at, 1 to {@value #MAX_WINDOW}
 * @param open how long an open circuit refuses traffic before it lets probes through
 * @param halfOpenProbes how many requests may probe a half-open circuit at once
 */
public record BreakerSettings(int consecutiveFailures, int errorRatePercent, int window, Duration open,
                              int halfOpenProbes) {

    /** The largest error-rate window (the outcomes of a key are bits of one atomic word). */
    public static final int MAX_WINDOW = 56;

    /** Opens after 5 failures in a row or 50% of the last 20; stays open 30 s; one probe at a time. */
    public static final BreakerSettings DEFAULT = new BreakerSettings(5, 50, 20, Duration.ofSeconds(30), 1);

    public BreakerSettings {
        Objects.requireNonNull(open, "open");
        if (consecutiveFailures < 1) {
            throw new IllegalArgumentException("consecutiveFailures must be at least 1, was " + consecutiveFailures);
        }
        if (errorRatePercent < 1 || errorRatePercent > 100) {
            throw new IllegalArgumentException("errorRatePercent must be 1 to 100, was " + errorRatePercent);
        }
        if (window < 1 || window > MAX_WINDOW) {
            throw new IllegalArgumentException("window must be 1 to " + MAX_WINDOW + ", was " + window);
        }
        if (open.isNegative() || open.isZero()) {
            throw new IllegalArgumentException("open must be positive, was " + open);
        }
        if (halfOpenProbes < 1) {
            throw new IllegalArgumentException("halfOpenProbes must be at least 1, was " + halfOpenProbes);
        }
    }
}
