package io.tollgate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {

    private static final long MS = 1_000_000;

    /** Time moves only when the generator waits or an exchange takes time. */
    private static final class FakeClock implements NanoClock {
        long now = 5 * MS;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void parkUntil(long deadlineNanos) {
            now = Math.max(now, deadlineNanos);
        }
    }

    /** Each request takes {@code serviceTime(sequence)} of the fake clock, on the calling thread. */
    private static Exchange taking(FakeClock clock, LongUnaryOperator serviceTime, boolean stream) {
        return new Exchange() {
            @Override
            public Outcome send(long sequence) {
                long firstToken = clock.now + MS / 10;
                clock.now += serviceTime.applyAsLong(sequence);
                return new Outcome(true, stream ? firstToken : -1, clock.now);
            }

            @Override
            public void close() {
            }
        };
    }

    private static final Executor DIRECT = Runnable::run;

    @Test
    void shouldCountTheTimeARequestWaitedBehindASlowOneAsLatency() {
        FakeClock clock = new FakeClock();
        LoadGenerator generator = LoadGenerator.create(clock, DIRECT, 8, Duration.ofSeconds(1));

        // 100 requests at 1000/s; request 5 stalls the (single-threaded) sender for 50 ms
        StepResult result = generator.run(taking(clock, seq -> seq == 5 ? 50 * MS : 0, false), 1_000,
                Duration.ofMillis(100), false);

        assertThat(result.sent()).isEqualTo(100);
        assertThat(result.ok()).isEqualTo(100);
        assertThat(result.errors()).isZero();
        assertThat(result.latency().count()).isEqualTo(100);
        // requests 6..54 were due at 6..54 ms and sent at 55 ms: 49 of them waited 1..49 ms. A closed-loop
        // measurement would show one slow request (p90 = 0); from intended start times p90 is ~40 ms.
        assertThat(result.latency().max()).isCloseTo(50 * MS, within(MS / 10));
        assertThat(result.latency().p90()).isCloseTo(40 * MS, within(MS / 10));
        assertThat(result.latency().p50()).isZero();
    }

    @Test
    void shouldGrowLatencyWhenTheTargetIsSlowerThanTheRate() {
        FakeClock clock = new FakeClock();
        LoadGenerator generator = LoadGenerator.create(clock, DIRECT, 8, Duration.ofSeconds(1));

        // due every 1 ms, each takes 3 ms: request i ends at 3(i+1) ms after start, due at i ms: latency 2i+3 ms
        StepResult result = generator.run(taking(clock, seq -> 3 * MS, false), 1_000, Duration.ofMillis(10),
                false);

        assertThat(result.latency().count()).isEqualTo(10);
        assertThat(result.latency().max()).isCloseTo(21 * MS, within(MS / 10));
        assertThat(result.latency().p50()).isCloseTo(11 * MS, within(MS / 10));
        // 10 answers over the 30 ms it took to drain them
        assertThat(result.throughput()).isCloseTo(10 / 0.030, within(1.0));
    }

    @Test
    void shouldRecordTimeToFirstTokenFromTheIntendedStart() {
        FakeClock clock = new FakeClock();
        LoadGenerator generator = LoadGenerator.create(clock, DIRECT, 8, Duration.ofSeconds(1));

        StepResult result = generator.run(taking(clock, seq -> 2 * MS, true), 1_000, Duration.ofMillis(4), true);

        assertThat(result.firstToken()).hasValueSatisfying(p -> {
            assertThat(p.count()).isEqualTo(4);
            // request 3: due at 3 ms, sent at 6 ms, first token 0.1 ms later
            assertThat(p.max()).isCloseTo(3 * MS + MS / 10, within(MS / 100));
        });
        assertThat(result.producedNumbers()).isTrue();
    }

    @Test
    void shouldCountRequestsBeyondTheInFlightCapAndUnansweredOnesAsErrors() {
        FakeClock clock = new FakeClock();
        List<Runnable> neverRun = new ArrayList<>();
        LoadGenerator generator = LoadGenerator.create(clock, neverRun::add, 3, Duration.ofMillis(1));

        StepResult result = generator.run(taking(clock, seq -> 0, false), 1_000, Duration.ofMillis(10), false);

        assertThat(neverRun).hasSize(3);
        assertThat(result.sent()).isEqualTo(10);
        assertThat(result.ok()).isZero();
        assertThat(result.errors()).isEqualTo(10); // 7 refused at the cap, 3 still outstanding at the drain timeout
        assertThat(result.producedNumbers()).isFalse();
    }

    @Test
    void shouldCountFailedOutcomesAsErrorsWithoutRecordingTheirLatency() {
        FakeClock clock = new FakeClock();
        LoadGenerator generator = LoadGenerator.create(clock, DIRECT, 8, Duration.ofSeconds(1));
        Exchange failingOdd = new Exchange() {
            @Override
            public Outcome send(long sequence) {
                return sequence % 2 == 1 ? Outcome.failed(clock.now) : new Outcome(true, -1, clock.now + MS);
            }

            @Override
            public void close() {
            }
        };

        StepResult result = generator.run(failingOdd, 1_000, Duration.ofMillis(10), false);

        assertThat(result.ok()).isEqualTo(5);
        assertThat(result.errors()).isEqualTo(5);
        assertThat(result.latency().count()).isEqualTo(5);
    }
}
