package io.tollgate.node.balance;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What this node knows of one key: requests in flight, its latency average, its circuit, its own per-minute counts
 * and the upstream's last word on its quota. Every field is atomic or volatile; nothing blocks.
 */
final class KeySlot {

    /** Weight of a new latency sample in a key's average. */
    static final double ALPHA = 0.2;
    /** Time constant (ms) with which an unsampled key's latency average returns to the provider's. */
    static final double DECAY_MS = 10_000;
    /** Added to every latency (ms) so that near-zero latencies do not turn noise into large cost ratios. */
    static final double LATENCY_FLOOR_MS = 20;
    /** How much a key's error rate weighs: a key failing half its requests costs three times as much. */
    static final double ERROR_WEIGHT = 4;
    /** Remaining upstream requests at which the quota penalty doubles. */
    static final double QUOTA_REQUESTS = 4;
    /** Remaining upstream tokens at which the quota penalty doubles. */
    static final double QUOTA_TOKENS = 4_000;
    /** The largest quota penalty. */
    static final double QUOTA_MAX = 16;
    /** How long (ms) an upstream quota without a reset time is trusted. */
    static final long QUOTA_TRUST_MS = 60_000;

    final BalancedKey key;
    final int index;
    final int weight;
    final CircuitBreaker breaker;
    final MinuteCounter requests = new MinuteCounter();
    final MinuteCounter tokens = new MinuteCounter();
    final AtomicInteger inFlight = new AtomicInteger();
    private final long rpm;
    private final long tpm;
    /** The latency average in ms as double bits; NaN until the first sample. */
    private final AtomicLong latency = new AtomicLong(Double.doubleToRawLongBits(Double.NaN));
    private volatile long sampledAtMillis;
    private volatile UpstreamQuota quota = UpstreamQuota.UNKNOWN;
    private volatile long quotaAtMillis;
    /** This node saw the key cooling or dead, or made it so: a success should clear the shared state. */
    volatile boolean sharedStateSeen;

    KeySlot(BalancedKey key, int index, BreakerSettings breaker) {
        this.key = key;
        this.index = index;
        this.weight = key.weight();
        this.breaker = new CircuitBreaker(breaker);
        this.rpm = key.rpm().orElse(Long.MAX_VALUE);
        this.tpm = key.tpm().orElse(Long.MAX_VALUE);
    }

    /** True when this node's own counts leave room in the key's rpm and tpm this minute. */
    boolean hasRoom(long minute) {
        return requests.count(minute) < rpm && tokens.count(minute) < tpm;
    }

    /** Counts the request against the key's rpm and its circuit; {@link CircuitBreaker#REFUSED} when either says no. */
    int claim(long nowMillis, long minute) {
        int permit = breaker.claim(nowMillis);
        if (permit != CircuitBreaker.REFUSED && !requests.tryIncrement(minute, rpm)) {
            breaker.released(permit == CircuitBreaker.PROBE);
            return CircuitBreaker.REFUSED;
        }
        return permit;
    }

    /** The latency average (ms) at {@code nowMillis}: drifts back to {@code mean} while the key is not sampled. */
    double latencyMs(long nowMillis, double mean) {
        return decayed(Double.longBitsToDouble(latency.get()), nowMillis, mean);
    }

    private double decayed(double raw, long nowMillis, double mean) {
        if (Double.isNaN(raw)) {
            return mean;
        }
        long age = nowMillis - sampledAtMillis;
        return Double.isNaN(mean) || age <= 0 ? raw : mean + (raw - mean) * Math.exp(-age / DECAY_MS);
    }

    boolean sampled() {
        return !Double.isNaN(Double.longBitsToDouble(latency.get()));
    }

    /** Folds a latency sample into the average, after letting the average drift for the time it was not sampled. */
    void sample(double ms, long nowMillis, double mean) {
        while (true) {
            long bits = latency.get();
            double current = Double.longBitsToDouble(bits);
            double start = Double.isNaN(current) ? ms : decayed(current, nowMillis, mean);
            if (latency.compareAndSet(bits, Double.doubleToRawLongBits(start + ALPHA * (ms - start)))) {
                sampledAtMillis = nowMillis;
                return;
            }
        }
    }

    /** The adaptive cost; lower is better. See the node README, "Balancing". */
    double cost(long nowMillis, double mean) {
        double ms = latencyMs(nowMillis, mean);
        double base = (Double.isNaN(ms) ? 0 : ms) + LATENCY_FLOOR_MS;
        return base * (1 + inFlight.get() / (double) weight) * (1 + ERROR_WEIGHT * breaker.errorRate())
                * quotaPenalty(nowMillis);
    }

    /** 1 while the upstream reports plenty left; grows to {@link #QUOTA_MAX} as requests or tokens run out. */
    double quotaPenalty(long nowMillis) {
        UpstreamQuota q = quota;
        if (q == UpstreamQuota.UNKNOWN || !quotaCurrent(q, nowMillis)) {
            return 1;
        }
        double penalty = 1;
        if (q.remainingRequests().isPresent()) {
            penalty *= 1 + QUOTA_REQUESTS / (q.remainingRequests().getAsLong() + 1);
        }
        if (q.remainingTokens().isPresent()) {
            penalty *= 1 + QUOTA_TOKENS / (q.remainingTokens().getAsLong() + 1);
        }
        return Math.min(QUOTA_MAX, penalty);
    }

    private boolean quotaCurrent(UpstreamQuota q, long nowMillis) {
        return q.resetAt().isPresent() ? nowMillis < q.resetAt().get().toEpochMilli()
                : nowMillis - quotaAtMillis < QUOTA_TRUST_MS;
    }

    void quota(UpstreamQuota next, long nowMillis) {
        if (!next.isUnknown()) {
            quotaAtMillis = nowMillis;
            quota = next;
        }
    }

    /** The last quota the upstream reported, while it is current. */
    UpstreamQuota quota(long nowMillis) {
        UpstreamQuota q = quota;
        return quotaCurrent(q, nowMillis) ? q : UpstreamQuota.UNKNOWN;
    }
}
