package io.tollgate.adapters.pricing;

import io.tollgate.adapters.Usage;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The rates of one model, each in nano-dollars per one million tokens (a price of $0.15 per 1M tokens is
 * 150,000,000), so that every published price is an exact integer.
 *
 * <p>The cost of a usage is {@code round_half_up(sum(tokens_b * rate_b) / 1,000,000)} nano-dollars over the
 * buckets of {@link Usage}: the sum is exact and rounding happens once, so a request's cost is reproducible from
 * its usage and this price.
 *
 * @param model the catalog key this price came from ({@code openai/gpt-4o-mini})
 * @param input plain input tokens
 * @param cachedInput input read from the provider's prompt cache
 * @param cacheWrite input written to a 5-minute prompt cache
 * @param cacheWrite1h input written to a 1-hour prompt cache
 * @param output output tokens
 * @param reasoning reasoning output tokens
 */
public record Price(String model, long input, long cachedInput, long cacheWrite, long cacheWrite1h, long output,
                    long reasoning) {

    private static final long PER_MILLION = 1_000_000L;
    private static final BigInteger BIG_PER_MILLION = BigInteger.valueOf(PER_MILLION);

    public Price {
        Objects.requireNonNull(model, "model");
        if (input < 0 || cachedInput < 0 || cacheWrite < 0 || cacheWrite1h < 0 || output < 0 || reasoning < 0) {
            throw new IllegalArgumentException("rates must not be negative for " + model);
        }
    }

    /** The cost of this usage at these rates. */
    public Money cost(Usage usage) {
        try {
            long scaled = Math.addExact(Math.addExact(Math.addExact(
                    Math.multiplyExact(usage.inputTokens(), input),
                    Math.multiplyExact(usage.cachedInputTokens(), cachedInput)),
                    Math.addExact(Math.multiplyExact(usage.cacheWriteTokens(), cacheWrite),
                            Math.multiplyExact(usage.cacheWrite1hTokens(), cacheWrite1h))),
                    Math.addExact(Math.multiplyExact(usage.outputTokens(), output),
                            Math.multiplyExact(usage.reasoningTokens(), reasoning)));
            return Money.ofNanos(Math.addExact(scaled, PER_MILLION / 2) / PER_MILLION);
        } catch (ArithmeticException overflow) {
            return bigCost(usage);
        }
    }

    private Money bigCost(Usage usage) {
        BigInteger scaled = BigInteger.valueOf(usage.inputTokens()).multiply(BigInteger.valueOf(input))
                .add(BigInteger.valueOf(usage.cachedInputTokens()).multiply(BigInteger.valueOf(cachedInput)))
                .add(BigInteger.valueOf(usage.cacheWriteTokens()).multiply(BigInteger.valueOf(cacheWrite)))
                .add(BigInteger.valueOf(usage.cacheWrite1hTokens()).multiply(BigInteger.valueOf(cacheWrite1h)))
                .add(BigInteger.valueOf(usage.outputTokens()).multiply(BigInteger.valueOf(output)))
                .add(BigInteger.valueOf(usage.reasoningTokens()).multiply(BigInteger.valueOf(reasoning)));
        return Money.ofNanos(scaled.add(BIG_PER_MILLION.shiftRight(1)).divide(BIG_PER_MILLION).longValueExact());
    }
}
