package io.tollgate.adapters.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.adapters.Usage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of the cost formula ({@link Price#cost(Usage)}) for token counts up to 10^9 per bucket and rates up
 * to $10,000 per million tokens with at most nine decimals (every such rate is an exact number of nano-dollars
 * per million tokens), flat and tiered.
 *
 * <p>The rounding rule: the exact sum of {@code tokens * rate} is divided by 10^6 and rounded half up once, so a
 * cost is off the exact amount by at most half a nano-dollar, and {@code cost(a + b)} differs from
 * {@code cost(a) + cost(b)} by at most 1 nano-dollar (two half-nano errors on one side, one on the other, and the
 * sides are integers).
 */
class PricePropertiesTest {

    private static final long MAX_TOKENS = 1_000_000_000L;
    /** $10,000 per million tokens, in nano-dollars per million tokens. */
    private static final long MAX_RATE = 10_000L * Money.NANOS_PER_USD;

    @Property(tries = 300)
    void shouldEqualTheBigDecimalReferenceAndNeverBeNegative(@ForAll("prices") Price price,
                                                             @ForAll("usages") Usage usage) {
        Money cost = price.cost(usage);

        assertThat(cost.nanos()).isGreaterThanOrEqualTo(0);
        assertThat(cost.usd()).isEqualByComparingTo(reference(price, usage));
    }

    @Property(tries = 300)
    void shouldNotDecreaseWhenAnyBucketGrows(@ForAll("prices") Price price, @ForAll("usages") Usage usage,
                                             @ForAll @IntRange(min = 0, max = 5) int bucket,
                                             @ForAll("tokens") long more) {
        // holds for tiered prices too because the generated tiers never lower a rate (as every published tier)
        assertThat(price.cost(grow(usage, bucket, more))).isGreaterThanOrEqualTo(price.cost(usage));
    }

    @Property(tries = 300)
    void shouldBeAdditiveUpToOneNanoForAFlatPrice(@ForAll("flatPrices") Price price, @ForAll("usages") Usage a,
                                                  @ForAll("usages") Usage b) {
        // a tiered price is not additive by design: the sum's prompt may fall in a higher tier
        long together = price.cost(a.plus(b)).nanos();
        long apart = price.cost(a).nanos() + price.cost(b).nanos();

        assertThat(Math.abs(together - apart)).isLessThanOrEqualTo(1);
    }

    @Property(tries = 200)
    void shouldPriceEveryBucketAtTheRatesOfTheTierItsPromptFallsIn(@ForAll("prices") Price price,
                                                                   @ForAll("usages") Usage usage) {
        assertThat(price.cost(usage)).isEqualTo(price.at(usage.promptTokens()).cost(usage));
    }

    /** The formula in BigDecimal, from the Javadoc: round_half_up(sum(tokens * rate) / 10^6) nano-dollars. */
    private static BigDecimal reference(Price price, Usage usage) {
        Price flat = price.at(usage.promptTokens());
        long[] tokens = tokens(usage);
        long[] rates = {flat.input(), flat.cachedInput(), flat.cacheWrite(), flat.cacheWrite1h(), flat.output(),
                flat.reasoning()};
        BigDecimal nanos = BigDecimal.ZERO;
        for (int i = 0; i < tokens.length; i++) {
            nanos = nanos.add(BigDecimal.valueOf(tokens[i]).multiply(BigDecimal.valueOf(rates[i])));
        }
        return nanos.divide(BigDecimal.valueOf(1_000_000L)).setScale(0, RoundingMode.HALF_UP).movePointLeft(9);
    }

    private static long[] tokens(Usage u) {
        return new long[] {u.inputTokens(), u.cachedInputTokens(), u.cacheWriteTokens(), u.cacheWrite1hTokens(),
                u.outputTokens(), u.reasoningTokens()};
    }

    private static Usage grow(Usage u, int bucket, long more) {
        long[] t = tokens(u);
        t[bucket] += more;
        return new Usage(t[0], t[1], t[2], t[3], t[4], t[5]);
    }

    @Provide
    Arbitrary<Long> tokens() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, MAX_TOKENS),
                Arbitraries.longs().between(0, 10_000), Arbitraries.of(0L, 1L, MAX_TOKENS));
    }

    @Provide
    Arbitrary<Usage> usages() {
        Arbitrary<Long> t = tokens();
        return Combinators.combine(t, t, t, t, t, t).as(Usage::new);
    }

    /** A rate in nano-dollars per million tokens: a USD price with at most nine decimals, often a round one. */
    private static Arbitrary<Long> rates() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, MAX_RATE),
                Arbitraries.longs().between(0, 100_000).map(cents -> cents * 10_000_000L),
                Arbitraries.of(0L, 1L, 150_000_000L, MAX_RATE));
    }

    @Provide
    Arbitrary<Price> flatPrices() {
        Arbitrary<Long> r = rates();
        return Combinators.combine(r, r, r, r, r, r).as((a, b, c, d, e, f) -> new Price("p/m", a, b, c, d, e, f));
    }

    /** Flat prices and prices with up to three tiers, each tier's rates at least those of the tier below. */
    @Provide
    Arbitrary<Price> prices() {
        Arbitrary<Price> tiered = Combinators.combine(flatPrices(),
                        Arbitraries.longs().between(1, 2 * MAX_TOKENS).set().ofMaxSize(3),
                        rates().list().ofSize(18))
                .as((base, thresholds, raises) -> {
                    List<Price.Tier> tiers = new ArrayList<>();
                    long[] rates = {base.input(), base.cachedInput(), base.cacheWrite(), base.cacheWrite1h(),
                            base.output(), base.reasoning()};
                    int k = 0;
                    for (long threshold : thresholds.stream().sorted().toList()) {
                        for (int i = 0; i < rates.length; i++) {
                            rates[i] = Math.min(MAX_RATE * 2, rates[i] + raises.get(k++) / 4);
                        }
                        tiers.add(new Price.Tier(threshold, rates[0], rates[1], rates[2], rates[3], rates[4],
                                rates[5]));
                    }
                    return new Price(base.model(), base.input(), base.cachedInput(), base.cacheWrite(),
                            base.cacheWrite1h(), base.output(), base.reasoning(), tiers);
                });
        return Arbitraries.oneOf(flatPrices(), tiered);
    }
}
