package io.tollgate.node.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Waits with a deadline that many requests open and almost all close in time: opening and closing one is a map
 * update (no task queued per request, nothing left behind when it closes), and a periodic sweep runs the expiry of
 * each deadline past its time, once. Deadlines are swept a few times per timeout, at most once a second, so an expiry
 * runs up to a sweep period late. Thread-safe.
 */
final class Deadlines {

    private static final Logger LOG = Logger.getLogger(Deadlines.class.getName());

    private final Duration timeout;
    private final Map<Object, Open> open = new ConcurrentHashMap<>();

    private Deadlines(Duration timeout) {
        this.timeout = timeout;
    }

    /** Deadlines of {@code timeout}, swept on {@code timer} until the timer is shut down. */
    static Deadlines start(Duration timeout, ScheduledExecutorService timer) {
        Deadlines deadlines = new Deadlines(timeout);
        long period = Math.clamp(timeout.toMillis() / 4, 10, 1000);
        timer.scheduleWithFixedDelay(deadlines::sweep, period, period, TimeUnit.MILLISECONDS);
        return deadlines;
    }

    /** The time each deadline allows. */
    Duration timeout() {
        return timeout;
    }

    /** Starts the clock for {@code key}; {@code expiry} runs (on the timer) if it is not closed in time. */
    void open(Object key, Runnable expiry) {
        open.put(key, new Open(System.nanoTime() + timeout.toNanos(), expiry));
    }

    /** Stops the clock for {@code key}, if it still runs. */
    void close(Object key) {
        open.remove(key);
    }

    private void sweep() {
        long now = System.nanoTime();
        open.forEach((key, deadline) -> {
            if (now - deadline.at() > 0 && open.remove(key, deadline)) {
                try {
                    deadline.expiry().run();
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "a deadline's expiry failed", e);
                }
            }
        });
    }

    private record Open(long at, Runnable expiry) {
    }
}
