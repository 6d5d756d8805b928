package io.tollgate.adapters.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.adapters.Usage;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

class PriceTest {

    /** gpt-4o-mini as published: $0.15 input, $0.075 cached input, $0.60 output per 1M tokens. */
    private static final Price MINI = new Price("openai/gpt-4o-mini", 150_000_000L, 75_000_000L, 150_000_000L,
            150_000_000L, 600_000_000L, 600_000_000L);

    /** Distinct rates per bucket, so a bucket priced at the wrong rate shows. */
    private static final Price DISTINCT = new Price("test/distinct", 1_000_000_000L, 100_000_000L, 1_250_000_000L,
            2_000_000_000L, 5_000_000_000L, 7_000_000_000L);

    @Test
    void shouldCostOneMillionInputTokensAtExactlyTheListPrice() {
        assertThat(MINI.cost(Usage.of(1_000_000, 0)).toUsdString()).isEqualTo("0.15");
        assertThat(MINI.cost(Usage.of(0, 1_000_000)).toUsdString()).isEqualTo("0.6");
    }

    @Test
    void shouldCostOneInputTokenAtOneHundredFiftyNanos() {
        assertThat(MINI.cost(Usage.of(1, 0)).nanos()).isEqualTo(150L);
    }

    @Test
    void shouldCostCachedInputAtTheCachedRate() {
        Usage cached = new Usage(0, 1_000_000, 0, 0, 0, 0);
        assertThat(MINI.cost(cached).toUsdString()).isEqualTo("0.075");
        assertThat(MINI.cost(new Usage(0, 1, 0, 0, 0, 0)).nanos()).isEqualTo(75L);
    }

    @Test
    void shouldPriceEachBucketAtItsOwnRate() {
        long m = 1_000_000;
        assertThat(DISTINCT.cost(new Usage(m, 0, 0, 0, 0, 0)).toUsdString()).isEqualTo("1");
        assertThat(DISTINCT.cost(new Usage(0, m, 0, 0, 0, 0)).toUsdString()).isEqualTo("0.1");
        assertThat(DISTINCT.cost(new Usage(0, 0, m, 0, 0, 0)).toUsdString()).isEqualTo("1.25");
        assertThat(DISTINCT.cost(new Usage(0, 0, 0, m, 0, 0)).toUsdString()).isEqualTo("2");
        assertThat(DISTINCT.cost(new Usage(0, 0, 0, 0, m, 0)).toUsdString()).isEqualTo("5");
        assertThat(DISTINCT.cost(new Usage(0, 0, 0, 0, 0, m)).toUsdString()).isEqualTo("7");
        assertThat(DISTINCT.cost(new Usage(m, m, m, m, m, m)).toUsdString()).isEqualTo("16.35");
    }

    @Test
    void shouldPriceARateWithNineDecimals() {
        Price tiny = new Price("test/tiny", Rates.nanosPerMillion(new BigDecimal("0.000000001")), 0, 0, 0,
                Rates.nanosPerMillion(new BigDecimal("1.123456789")), 0);
        assertThat(tiny.input()).isEqualTo(1L);
        assertThat(tiny.output()).isEqualTo(1_123_456_789L);
        assertThat(tiny.cost(Usage.of(1_000_000, 0)).nanos()).isEqualTo(1L);
        assertThat(tiny.cost(Usage.of(499_999, 0)).nanos()).isZero();
        assertThat(tiny.cost(Usage.of(500_000, 0)).nanos()).as("half rounds up").isEqualTo(1L);
        assertThat(tiny.cost(Usage.of(0, 1_000_000)).toUsdString()).isEqualTo("1.123456789");
    }

    @Test
    void shouldRoundHalfUpOnceOnTheTotal() {
        // Half a nano-dollar per input token and per output token.
        Price half = new Price("test/half", 500_000L, 500_000L, 500_000L, 500_000L, 500_000L, 500_000L);
        Usage usage = Usage.of(1, 1);
        long perBucket = roundHalfUp(500_000L) + roundHalfUp(500_000L);
        assertThat(perBucket).as("rounding each bucket would bill").isEqualTo(2L);
        assertThat(half.cost(usage).nanos()).as("one rounding of the exact sum").isEqualTo(1L);
        assertThat(half.cost(Usage.of(1, 0)).nanos()).isEqualTo(1L);
        assertThat(half.cost(Usage.ZERO)).isSameAs(Money.ZERO);
    }

    @Test
    void shouldAgreeWithBigIntegerMathWhenTokenCountsOverflowALong() {
        Usage huge = new Usage(10_000_000_000_000L, 3_000_000_000_000L, 7L, 1L, 20_000_000_000_000L, 999_999L);
        Price opus = new Price("test/opus-like", 15_000_000_000L, 1_500_000_000L, 18_750_090_000L,
                30_000_000_000L, 75_000_000_000L, 75_000_000_000L);
        assertThat(opus.cost(huge).nanos()).isEqualTo(reference(opus, huge));
        assertThat(opus.cost(huge).nanos()).as("the remainder 630,000 rounds up")
                .isEqualTo(1_654_500_075_000_086_251L);
    }

    @Test
    void shouldAgreeWithBigIntegerMathWhenOnlyTheRoundingAddendOverflows() {
        long tokens = Long.MAX_VALUE - 1;
        Price one = new Price("test/one", 1L, 0, 0, 0, 0, 0);
        assertThat(one.cost(Usage.of(tokens, 0)).nanos()).isEqualTo(reference(one, Usage.of(tokens, 0)));
    }

    @Test
    void shouldFailLoudlyWhenTheCostItselfDoesNotFit() {
        Price dear = new Price("test/dear", Long.MAX_VALUE, 0, 0, 0, 0, 0);
        assertThatThrownBy(() -> dear.cost(Usage.of(Long.MAX_VALUE, 0))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void shouldRejectNegativeRatesNamingTheModel() {
        assertThatThrownBy(() -> new Price("openai/x", -1, 0, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("openai/x");
    }

    private static long roundHalfUp(long scaled) {
        return new BigDecimal(scaled).movePointLeft(6).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static long reference(Price p, Usage u) {
        BigInteger sum = BigInteger.valueOf(u.inputTokens()).multiply(BigInteger.valueOf(p.input()))
                .add(BigInteger.valueOf(u.cachedInputTokens()).multiply(BigInteger.valueOf(p.cachedInput())))
                .add(BigInteger.valueOf(u.cacheWriteTokens()).multiply(BigInteger.valueOf(p.cacheWrite())))
                .add(BigInteger.valueOf(u.cacheWrite1hTokens()).multiply(BigInteger.valueOf(p.cacheWrite1h())))
                .add(BigInteger.valueOf(u.outputTokens()).multiply(BigInteger.valueOf(p.output())))
                .add(BigInteger.valueOf(u.reasoningTokens()).multiply(BigInteger.valueOf(p.reasoning())));
        return new BigDecimal(sum).movePointLeft(6).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
