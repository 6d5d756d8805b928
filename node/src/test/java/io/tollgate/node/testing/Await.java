package io.tollgate.node.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waiting, with a bound, for something the node does in the background (a retry, a listener). */
public final class Await {

    private static final long PAUSE_NANOS = Duration.ofMillis(20).toNanos();

    private Await() {
    }

    /**
     * Checks {@code condition} until it holds, pausing briefly between checks.
     *
     * @throws AssertionError naming {@code what} when it still does not hold after {@code timeout}
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("still not true after " + timeout + ": " + what);
            }
            LockSupport.parkNanos(PAUSE_NANOS);
        }
    }
}
