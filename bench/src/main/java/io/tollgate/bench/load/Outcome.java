package io.tollgate.bench.load;

/**
 * How one request ended, in {@link NanoClock} readings.
 *
 * @param ok a 200 answer read to its end (for a stream: through {@code [DONE]})
 * @param firstTokenNanos when the first {@code data:} line carrying content arrived; -1 for a whole answer or none
 * @param endNanos when the answer (or the failure) ended
 */
public record Outcome(boolean ok, long firstTokenNanos, long endNanos) {

    /** A failure (non-200, timeout, connection error) that ended at {@code endNanos}. */
    public static Outcome failed(long endNanos) {
        return new Outcome(false, -1, endNanos);
    }
}
