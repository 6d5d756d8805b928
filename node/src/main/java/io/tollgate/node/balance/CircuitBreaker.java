package io.tollgate.node.balance;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One key's circuit breaker on this node. Closed: failures are counted (in a row, and as a share of the last
 * {@code window} outcomes); either threshold opens it. Open: refuses until {@code open} has passed. Half-open: lets
 * {@code halfOpenProbes} requests through at once; a success closes it (with fresh counts), a failure opens it
 * again. Probes that report nothing for another {@code open} period (an attempt never ended) are written off, so
 * a lost attempt cannot hold a circuit half-open for ever. Lock-free: the phase is an immutable value swapped by compare-and-set, allocated only on transitions.
 */
final class CircuitBreaker {

    /** A claim's answer: refused. */
    static final int REFUSED = 0;
    /** A claim's answer: the circuit is closed. */
    static final int PASS = 1;
    /** A claim's answer: one of the half-open circuit's probes. */
    static final int PROBE = 2;

    private static final Phase CLOSED = new Phase(BreakerState.CLOSED, 0, 0);

    private final BreakerSettings settings;
    private final AtomicReference<Phase> phase = new AtomicReference<>(CLOSED);
    private final AtomicInteger consecutive = new AtomicInteger();
    private final OutcomeWindow outcomes;

    CircuitBreaker(BreakerSettings settings) {
        this.settings = settings;
        this.outcomes = new OutcomeWindow(settings.window());
    }

    /** True when a claim at {@code nowMillis} could succeed (a cheap read for eligibility). */
    boolean admits(long nowMillis) {
        Phase p = phase.get();
        return switch (p.state) {
            case CLOSED -> true;
            case OPEN -> nowMillis >= p.untilMillis;
            case HALF_OPEN -> p.probes < settings.halfOpenProbes() || nowMillis >= p.untilMillis;
        };
    }

    /** Lets a request through: {@link #PASS}, {@link #PROBE} (half-open) or {@link #REFUSED}. */
    int claim(long nowMillis) {
        while (true) {
            Phase p = phase.get();
            if (p.state == BreakerState.CLOSED) {
                return PASS;
            }
            boolean stale = nowMillis >= p.untilMillis; // open period over, or the probes never reported
            if (!stale && (p.state == BreakerState.OPEN || p.probes >= settings.halfOpenProbes())) {
                return REFUSED;
            }
            int probes = p.state == BreakerState.OPEN || stale ? 1 : p.probes + 1;
            long deadline = nowMillis + settings.open().toMillis();
            if (phase.compareAndSet(p, new Phase(BreakerState.HALF_OPEN, deadline, probes))) {
                return PROBE;
            }
        }
    }

    void succeeded(boolean probe) {
        consecutive.set(0);
        outcomes.record(false);
        if (probe) {
            Phase p = phase.get();
            if (p.state == BreakerState.HALF_OPEN && phase.compareAndSet(p, CLOSED)) {
                outcomes.clear();
            }
        }
    }

    void failed(boolean probe, long nowMillis) {
        outcomes.record(true);
        int inRow = consecutive.incrementAndGet();
        Phase p = phase.get();
        boolean trips = probe ? p.state == BreakerState.HALF_OPEN
                : p.state == BreakerState.CLOSED
                        && (inRow >= settings.consecutiveFailures() || outcomes.atLeast(settings.errorRatePercent()));
        if (trips && phase.compareAndSet(p, new Phase(BreakerState.OPEN, nowMillis + settings.open().toMillis(), 0))) {
            consecutive.set(0);
        }
    }

    /** An attempt that ended without a verdict on the key: gives a probe back. */
    void released(boolean probe) {
        if (probe) {
            phase.getAndUpdate(p -> p.state == BreakerState.HALF_OPEN && p.probes > 0
                    ? new Phase(BreakerState.HALF_OPEN, p.untilMillis, p.probes - 1) : p);
        }
    }

    /** The state as an operator sees it: an open circuit whose time is up is half-open. */
    BreakerState state(long nowMillis) {
        Phase p = phase.get();
        return p.state == BreakerState.OPEN && nowMillis >= p.untilMillis ? BreakerState.HALF_OPEN : p.state;
    }

    /** When an open circuit lets probes through; 0 when it is not open. */
    long openUntilMillis() {
        Phase p = phase.get();
        return p.state == BreakerState.OPEN ? p.untilMillis : 0;
    }

    double errorRate() {
        return outcomes.errorRate();
    }

    private record Phase(BreakerState state, long untilMillis, int probes) {
    }
}
