package io.tollgate.bench.load;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * An open-loop load generator: requests leave at the fixed times of a {@link Schedule}, each on its own task of the
 * executor (a virtual thread per request in a real run), whether or not earlier ones have answered. Latencies count
 * from each request's intended start, so a stall (of the server, or of this sender) shows in the numbers instead of
 * silently lowering the rate (coordinated omission). At most {@code maxInFlight} requests are outstanding; a request
 * due while the cap is reached is not sent and counts as an error. One run at a time; the exchange may be shared.
 */
public final class LoadGenerator {

    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final NanoClock clock;
    private final Executor executor;
    private final int maxInFlight;
    private final Semaphore inFlight;
    private final Duration drainTimeout;
    private final AtomicLong sequence = new AtomicLong();

    private LoadGenerator(NanoClock clock, Executor executor, int maxInFlight, Duration drainTimeout) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("max in-flight must be at least 1, was " + maxInFlight);
        }
        this.clock = clock;
        this.executor = executor;
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
        this.drainTimeout = drainTimeout;
    }

    /**
     * A generator.
     *
     * @param executor runs each request (for example a virtual-thread-per-task executor)
     * @param maxInFlight the most requests outstanding at once
     * @param drainTimeout how long a step waits, after its last request is due, for answers still outstanding
     */
    public static LoadGenerator create(NanoClock clock, Executor executor, int maxInFlight, Duration drainTimeout) {
        return new LoadGenerator(clock, executor, maxInFlight, drainTimeout);
    }

    /** Runs at {@code ratePerSecond} for {@code duration} without recording anything (a warm-up). */
    public void warmUp(Exchange exchange, long ratePerSecond, Duration duration) {
        run(exchange, ratePerSecond, duration, false);
    }

    /** Runs one measured step. {@code streaming} records times to first token as well. */
    public StepResult run(Exchange exchange, long ratePerSecond, Duration duration, boolean streaming) {
        Tally tally = new Tally(streaming);
        long start = clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
        Schedule schedule = Schedule.create(start, ratePerSecond);
        long due = schedule.requestsIn(duration);
        for (long i = 0; i < due; i++) {
            long intended = schedule.intendedStart(i);
            clock.parkUntil(intended);
            if (!inFlight.tryAcquire()) {
                tally.refused.increment();
                continue;
            }
            long seq = sequence.getAndIncrement();
            try {
                executor.execute(() -> {
                    try {
                        tally.record(intended, exchange.send(seq));
                    } catch (RuntimeException e) {
                        tally.record(intended, Outcome.failed(clock.nanoTime()));
                    } finally {
                        inFlight.release();
                    }
                });
            } catch (RejectedExecutionException e) {
                inFlight.release();
                tally.refused.increment();
            }
        }
        long unfinished = drain();
        return tally.close(due, unfinished, start, Math.max(clock.nanoTime(), start + duration.toNanos()), duration);
    }

    /** Waits for outstanding requests; returns how many were still outstanding at the timeout. */
    private long drain() {
        try {
            if (inFlight.tryAcquire(maxInFlight, drainTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                inFlight.release(maxInFlight);
                return 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return maxInFlight - inFlight.availablePermits();
    }

    /** One step's counters; answers arriving after the step closed are ignored. */
    private static final class Tally {
        private final Histogram latency = new ConcurrentHistogram(HIGHEST_NANOS, 3);
        private final Optional<Histogram> firstToken;
        private final LongAdder ok = new LongAdder();
        private final LongAdder failed = new LongAdder();
        private final LongAdder refused = new LongAdder();
        private final AtomicLong lastEnd = new AtomicLong(Long.MIN_VALUE);
        private volatile boolean closed;

        Tally(boolean streaming) {
            this.firstToken = streaming ? Optional.of(new ConcurrentHistogram(HIGHEST_NANOS, 3)) : Optional.empty();
        }

        void record(long intended, Outcome outcome) {
            if (closed) {
                return;
            }
            if (!outcome.ok()) {
                failed.increment();
                return;
            }
            ok.increment();
            latency.recordValue(clamp(outcome.endNanos() - intended));
            firstToken.ifPresent(h -> {
                if (outcome.firstTokenNanos() >= 0) {
                    h.recordValue(clamp(outcome.firstTokenNanos() - intended));
                }
            });
            lastEnd.accumulateAndGet(outcome.endNanos(), Math::max);
        }

        StepResult close(long sent, long unfinished, long start, long end, Duration duration) {
            closed = true;
            long finishedAt = Math.max(lastEnd.get(), start + duration.toNanos());
            double seconds = Math.max(1, Math.min(finishedAt, end) - start) / 1e9;
            return new StepResult(sent, ok.sum(), failed.sum() + refused.sum() + unfinished,
                    Percentiles.of(latency), firstToken.map(Percentiles::of), ok.sum() / seconds);
        }

        private static long clamp(long nanos) {
            return Math.min(Math.max(nanos, 0), HIGHEST_NANOS);
        }
    }
}
