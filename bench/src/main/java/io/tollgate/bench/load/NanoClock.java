package io.tollgate.bench.load;

import java.util.concurrent.locks.LockSupport;

/**
 * The generator's time source: a monotonic nanosecond reading and a wait until a reading. Tests inject one whose
 * waits move time instead of sleeping.
 */
public interface NanoClock {

    /** The current reading, in nanoseconds; only differences mean anything. */
    long nanoTime();

    /** Returns at or after {@code deadlineNanos} (at once when it has passed). */
    void parkUntil(long deadlineNanos);

    /** The system's monotonic clock; waits park the thread, then spin the last ~50 µs for accuracy. */
    static NanoClock system() {
        return new NanoClock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void parkUntil(long deadlineNanos) {
                long left;
                while ((left = deadlineNanos - System.nanoTime()) > 0) {
                    if (left > 60_000) {
                        LockSupport.parkNanos(left - 50_000);
                    } else {
                        Thread.onSpinWait();
                    }
                }
            }
        };
    }
}
