package io.tollgate.node.balance;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;

/**
 * One use of a chosen key. Exactly one of {@link #succeeded} and {@link #failed} must be called, exactly once, on
 * every path (success, upstream error, client gone): the key's requests in flight, its circuit's probes and its
 * scores depend on it. A second call throws {@link IllegalStateException}. Thread-safe.
 */
public final class Attempt {

    private static final VarHandle ENDED;

    static {
        try {
            ENDED = MethodHandles.lookup().findVarHandle(Attempt.class, "ended", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final KeyBalancer balancer;
    private final KeySlot slot;
    private final boolean probe;
    private final boolean providerProbe;
    @SuppressWarnings("unused") // through ENDED
    private volatile boolean ended;

    Attempt(KeyBalancer balancer, KeySlot slot, boolean probe, boolean providerProbe) {
        this.balancer = balancer;
        this.slot = slot;
        this.probe = probe;
        this.providerProbe = providerProbe;
    }

    /** The chosen key. */
    public BalancedKey key() {
        return slot.key;
    }

    /** True when this attempt probes a half-open circuit: its outcome closes or reopens it. */
    public boolean probe() {
        return probe;
    }

    /**
     * The upstream answered: the latency feeds the key's average, the tokens its per-minute count, the quota its
     * cost; a half-open circuit closes; a shared cool-down or death this node saw is cleared.
     *
     * @param latency time to the upstream's answer (the first byte for a stream)
     * @param tokens tokens the request used (input and output), 0 when unknown
     * @param quota what the upstream's headers said is left, {@link UpstreamQuota#UNKNOWN} when nothing
     * @throws IllegalStateException when the attempt already ended
     */
    public void succeeded(Duration latency, long tokens, UpstreamQuota quota) {
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(quota, "quota");
        if (latency.isNegative() || tokens < 0) {
            throw new IllegalArgumentException("latency and tokens must not be negative, were " + latency + " and "
                    + tokens);
        }
        end();
        balancer.succeeded(slot, probe, providerProbe, latency, tokens, quota);
    }

    /**
     * The attempt failed; what the key pays depends on how ({@link Failure}).
     *
     * @throws IllegalStateException when the attempt already ended
     */
    public void failed(Failure failure) {
        Objects.requireNonNull(failure, "failure");
        end();
        balancer.failed(slot, probe, providerProbe, failure);
    }

    private void end() {
        if (!ENDED.compareAndSet(this, false, true)) {
            throw new IllegalStateException("the attempt on key '" + slot.key.name() + "' already ended");
        }
    }

    @Override
    public String toString() {
        return "Attempt[" + slot.key.name() + (probe ? ", probe]" : "]");
    }
}
