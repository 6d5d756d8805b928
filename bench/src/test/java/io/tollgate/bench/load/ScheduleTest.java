package io.tollgate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    @Test
    void shouldSpaceRequestsExactlyWithoutDrift() {
        Schedule schedule = Schedule.create(1_000, 3);

        assertThat(schedule.intendedStart(0)).isEqualTo(1_000);
        assertThat(schedule.intendedStart(1)).isEqualTo(1_000 + 333_333_333);
        assertThat(schedule.intendedStart(2)).isEqualTo(1_000 + 666_666_666);
        assertThat(schedule.intendedStart(3)).isEqualTo(1_000 + 1_000_000_000);
        assertThat(schedule.intendedStart(3_000_000)).isEqualTo(1_000 + 1_000_000_000_000_000L);
    }

    @Test
    void shouldCountTheRequestsDueWithinADuration() {
        assertThat(Schedule.create(0, 500).requestsIn(Duration.ofSeconds(10))).isEqualTo(5_000);
        assertThat(Schedule.create(0, 5_000).requestsIn(Duration.ofMillis(1))).isEqualTo(5);
        assertThat(Schedule.create(0, 3).requestsIn(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(Schedule.create(0, 3).requestsIn(Duration.ofMillis(1_001))).isEqualTo(4);
    }

    @Test
    void shouldMeasureLatencyFromTheIntendedStartNotTheActualSend() {
        Schedule schedule = Schedule.create(0, 1_000); // one request per millisecond

        // request 7 was due at 7 ms; the sender only got to it at 40 ms and it answered at 41 ms
        assertThat(schedule.latency(7, 41_000_000)).isEqualTo(34_000_000);
    }

    @Test
    void shouldRejectARateBelowOne() {
        assertThatThrownBy(() -> Schedule.create(0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rate must be at least 1 request/s, was 0");
    }
}
