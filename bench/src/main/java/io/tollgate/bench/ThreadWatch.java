package io.tollgate.bench;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Remembers the threads alive when a benchmark's ledger starts, so that after it stops, any non-daemon thread it
 * left behind is found: such a thread keeps the JMH fork alive (JMH then waits and reports "stray running threads").
 */
final class ThreadWatch {

    private final Set<Thread> before;

    private ThreadWatch(Set<Thread> before) {
        this.before = before;
    }

    /** Notes the threads alive now. */
    static ThreadWatch start() {
        return new ThreadWatch(Set.copyOf(Thread.getAllStackTraces().keySet()));
    }

    /**
     * Waits until every non-daemon thread started since {@link #start()} has ended.
     *
     * @param grace how long to wait at most
     * @throws IllegalStateException naming the threads still alive after {@code grace}
     */
    void awaitGone(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        List<Thread> left = strays();
        while (!left.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("threads still alive " + grace.toMillis()
                        + " ms after the ledger stopped: " + left.stream().map(Thread::getName).toList());
            }
            try {
                left.getFirst().join(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the ledger's threads to end", e);
            }
            left = strays();
        }
    }

    private List<Thread> strays() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && !thread.isDaemon() && !before.contains(thread)
                        && thread != Thread.currentThread())
                .toList();
    }
}
