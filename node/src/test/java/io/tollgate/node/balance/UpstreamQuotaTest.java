package io.tollgate.node.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class UpstreamQuotaTest {

    private static final Instant NOW = Instant.parse("2026-03-10T10:00:00Z");

    @Test
    void shouldReadOpenAiHeaders() {
        UpstreamQuota quota = parse(Map.of("x-ratelimit-remaining-requests", "59",
                "x-ratelimit-remaining-tokens", "149984", "x-ratelimit-reset-requests", "6m0s",
                "x-ratelimit-reset-tokens", "6ms"));

        assertThat(quota).isEqualTo(new UpstreamQuota(OptionalLong.of(59), OptionalLong.of(149_984),
                Optional.of(NOW.plusSeconds(360))));
    }

    @Test
    void shouldFallBackToTheTokenResetWhenOpenAiSendsNoRequestReset() {
        UpstreamQuota quota = parse(Map.of("x-ratelimit-reset-tokens", "20ms"));

        assertThat(quota.resetAt()).contains(NOW.plusMillis(20));
    }

    @Test
    void shouldReadAnthropicHeaders() {
        UpstreamQuota quota = parse(Map.of("anthropic-ratelimit-requests-remaining", "49",
                "anthropic-ratelimit-tokens-remaining", "39000",
                "anthropic-ratelimit-requests-reset", "2026-03-10T10:00:21Z"));

        assertThat(quota).isEqualTo(new UpstreamQuota(OptionalLong.of(49), OptionalLong.of(39_000),
                Optional.of(NOW.plusSeconds(21))));
    }

    @Test
    void shouldReadAnthropicResetWithOffset() {
        assertThat(parse(Map.of("anthropic-ratelimit-requests-reset", "2026-03-10T11:00:21.5+01:00")).resetAt())
                .contains(NOW.plusMillis(21_500));
    }

    @Test
    void shouldLeaveOutGarbledValues() {
        UpstreamQuota quota = parse(Map.of("x-ratelimit-remaining-requests", "many",
                "x-ratelimit-remaining-tokens", "-3", "x-ratelimit-reset-requests", "soon",
                "anthropic-ratelimit-requests-reset", "tomorrow"));

        assertThat(quota).isSameAs(UpstreamQuota.UNKNOWN);
        assertThat(parse(Map.of())).isSameAs(UpstreamQuota.UNKNOWN);
    }

    @Test
    void shouldParseGoDurations() {
        assertThat(UpstreamQuota.GoDuration.parse("1s")).contains(Duration.ofSeconds(1));
        assertThat(UpstreamQuota.GoDuration.parse("6m0s")).contains(Duration.ofMinutes(6));
        assertThat(UpstreamQuota.GoDuration.parse("20ms")).contains(Duration.ofMillis(20));
        assertThat(UpstreamQuota.GoDuration.parse("1h2m3.5s")).contains(Duration.ofMillis(3_723_500));
        assertThat(UpstreamQuota.GoDuration.parse("0.5s")).contains(Duration.ofMillis(500));
        assertThat(UpstreamQuota.GoDuration.parse("s")).isEmpty();
        assertThat(UpstreamQuota.GoDuration.parse("12")).isEmpty();
        assertThat(UpstreamQuota.GoDuration.parse("3d")).isEmpty();
        assertThat(UpstreamQuota.GoDuration.parse("1.2.3s")).isEmpty();
    }

    @Test
    void shouldRejectNegativeRemainders() {
        assertThatThrownBy(() -> new UpstreamQuota(OptionalLong.of(-1), OptionalLong.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("remainingRequests must not be negative, was -1");
    }

    private static UpstreamQuota parse(Map<String, String> headers) {
        return UpstreamQuota.parse(name -> Optional.ofNullable(headers.get(name)), NOW);
    }
}
