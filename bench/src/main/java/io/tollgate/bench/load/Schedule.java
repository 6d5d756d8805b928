package io.tollgate.bench.load;

import java.time.Duration;

/**
 * The fixed-rate timetable of an open-loop run: request {@code i} is due at {@code start + i / rate} seconds,
 * whether or not earlier requests have answered. Latency is measured from that due time, not from when the request
 * was actually sent, so time a request spent waiting behind a stalled sender or server is counted (the correction
 * for coordinated omission). Exact integer arithmetic in nanoseconds: no drift over long runs.
 *
 * @param startNanos the due time of request 0, on the {@link NanoClock} of the run
 * @param ratePerSecond requests per second, at least 1
 */
public record Schedule(long startNanos, long ratePerSecond) {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    public Schedule {
        if (ratePerSecond < 1) {
            throw new IllegalArgumentException("rate must be at least 1 request/s, was " + ratePerSecond);
        }
    }

    /** A timetable starting at {@code startNanos}. */
    public static Schedule create(long startNanos, long ratePerSecond) {
        return new Schedule(startNanos, ratePerSecond);
    }

    /** When request {@code sequence} (from 0) is due. */
    public long intendedStart(long sequence) {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative, was " + sequence);
        }
        return startNanos + Math.multiplyExact(sequence, NANOS_PER_SECOND) / ratePerSecond;
    }

    /** How many requests a run of this length sends: those due before its end. */
    public long requestsIn(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos <= 0) {
            throw new IllegalArgumentException("duration must be positive, was " + duration);
        }
        // the smallest n with n * 1e9 / rate >= nanos, i.e. ceil(nanos * rate / 1e9)
        return (Math.multiplyExact(nanos, ratePerSecond) + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
    }

    /** The corrected latency of request {@code sequence} that ended at {@code endNanos}: from its due time. */
    public long latency(long sequence, long endNanos) {
        return Math.max(0, endNanos - intendedStart(sequence));
    }
}
