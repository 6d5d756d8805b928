package io.tollgate.node.pipeline;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Requests served and in flight on this node, counted by the observe stage. Thread-safe and cheap. */
public final class NodeStats {

    private final LongAdder total = new LongAdder();
    private final AtomicLong inFlight = new AtomicLong();

    private NodeStats() {
    }

    /** New counters at zero. */
    public static NodeStats create() {
        return new NodeStats();
    }

    void started() {
        total.increment();
        inFlight.incrementAndGet();
    }

    void finished() {
        inFlight.decrementAndGet();
    }

    /** Requests received since the node started. */
    public long total() {
        return total.sum();
    }

    /** Requests being served now. */
    public long inFlight() {
        return inFlight.get();
    }
}
