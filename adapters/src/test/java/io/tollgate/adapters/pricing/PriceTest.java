package io.tollgate.adapters.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.adapters.Usage;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
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

    /** Gemini 2.5 Pro's shape: base $1.25 / $0.125 cached / $10; above 200k prompt tokens $2.50 / $0.25 / $15. */
    private static final Price TIERED = new Price("gemini/gemini-2.5-pro", 1_250_000_000L, 125_000_000L,
            1_250_000_000L, 1_250_000_000L, 10_000_000_000L, 10_000_000_000L,
            List.of(new Price.Tier(200_000, 2_500_000_000L, 250_000_000L, 2_500_000_000L, 2_500_000_000L,
                    15_000_000_000L, 15_000_000_000L)));

    @Test
    void shouldKeepTheBaseRatesAtExactlyTheThreshold() {
        Usage atThreshold = new Usage(150_000, 50_000, 0, 0, 1_000, 2_000);
        assertThat(atThreshold.promptTokens()).isEqualTo(200_000);
        // 150,000 x 1.25 + 50,000 x 0.125 + 3,000 x 10 = 187,500 + 6,250 + 30,000 micro-dollars
        assertThat(TIERED.cost(atThreshold).nanos()).isEqualTo(223_750_000L);
    }

    @Test
    void shouldPriceTheWholeRequestAtTheTierOneTokenAboveTheThreshold() {
        Usage above = new Usage(150_001, 50_000, 0, 0, 1_000, 2_000);
        // 150,001 x 2.50 + 50,000 x 0.25 + 3,000 x 15 = 375,002.5 + 12,500 + 45,000 micro-dollars
        assertThat(TIERED.cost(above).nanos()).isEqualTo(432_502_500L);
    }

    @Test
    void shouldCountCachedAndCacheWrittenInputTowardsTheThreshold() {
        Usage cachedCrosses = new Usage(1, 100_000, 50_000, 50_000, 0, 0);
        assertThat(TIERED.at(cachedCrosses.promptTokens()).input()).isEqualTo(2_500_000_000L);
        assertThat(TIERED.cost(cachedCrosses)).isEqualTo(TIERED.at(200_001).cost(cachedCrosses));
        assertThat(TIERED.cost(Usage.of(0, 5_000_000)).toUsdString()).as("output alone never crosses")
                .isEqualTo("50");
    }

    @Test
    void shouldPickTheHighestTierThePromptExceeds() {
        Price three = new Price("test/three", 1, 1, 1, 1, 1, 1, List.of(
                new Price.Tier(128_000, 2, 2, 2, 2, 2, 2), new Price.Tier(200_000, 3, 3, 3, 3, 3, 3)));
        assertThat(three.at(128_000).input()).isEqualTo(1);
        assertThat(three.at(128_001).input()).isEqualTo(2);
        assertThat(three.at(200_000).input()).isEqualTo(2);
        assertThat(three.at(200_001).input()).isEqualTo(3);
        assertThat(three.at(Long.MAX_VALUE).input()).isEqualTo(3);
        assertThat(three.at(0).tiers()).as("a tier's flat price").isEmpty();
        assertThat(three.cost(new Usage(Long.MAX_VALUE, Long.MAX_VALUE, 0, 0, 0, 0)).nanos())
                .as("a prompt beyond a long saturates into the top tier")
                .isEqualTo(reference(three.at(Long.MAX_VALUE), new Usage(Long.MAX_VALUE, Long.MAX_VALUE, 0, 0, 0, 0)));
        assertThat(MINI.at(10_000_000)).as("a flat price is its own tier").isSameAs(MINI);
    }

    @Test
    void shouldRejectTiersOutOfOrderOrWithoutThreshold() {
        assertThatThrownBy(() -> new Price("gemini/x", 1, 1, 1, 1, 1, 1, List.of(
                new Price.Tier(200_000, 2, 2, 2, 2, 2, 2), new Price.Tier(200_000, 3, 3, 3, 3, 3, 3))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tier thresholds must ascend for gemini/x, was 200000 then 200000");
        assertThatThrownBy(() -> new Price.Tier(0, 1, 1, 1, 1, 1, 1))
                .hasMessage("a tier's threshold must be at least 1 prompt token, was 0");
        assertThatThrownBy(() -> new Price.Tier(5, 1, -1, 1, 1, 1, 1))
                .hasMessage("rates must not be negative in the tier above 5 prompt tokens");
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
