package io.tollgate.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void shouldShowTheTwoLargestUnits() {
        assertThat(Durations.human(Duration.ZERO)).isEqualTo("0s");
        assertThat(Durations.human(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(Durations.human(Duration.ofSeconds(120))).isEqualTo("2m");
        assertThat(Durations.human(Duration.ofSeconds(125))).isEqualTo("2m 5s");
        assertThat(Durations.human(Duration.ofMinutes(192))).isEqualTo("3h 12m");
        assertThat(Durations.human(Duration.ofHours(52).plusMinutes(59))).isEqualTo("2d 4h");
    }

    @Test
    void shouldSayInOrNowRelativeToNow() {
        Instant now = Instant.parse("2026-11-30T06:48:00Z");

        assertThat(Durations.until(Instant.parse("2026-11-30T10:00:00Z"), now)).isEqualTo("in 3h 12m");
        assertThat(Durations.until(now, now)).isEqualTo("now");
        assertThat(Durations.until(now.minusSeconds(30), now)).isEqualTo("now");
    }

    @Test
    void shouldAcceptTheApisResetDurationsOnly() {
        assertThat(Durations.reset("1M")).isEqualTo("1M");
        assertThat(Durations.reset("30s")).isEqualTo("30s");
        assertThat(Durations.reset("never")).isEqualTo("never");
        assertThatThrownBy(() -> Durations.reset("1 day")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'1 day' is not a duration; use a count and a unit (30s, 5m, 1h, 1d, 1w, 1M, 1Q, 1Y) or never");
    }
}
