package io.tollgate.adapters.pricing;

import io.tollgate.adapters.Usage;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * The rates of one model, each in nano-dollars per one million tokens (a price of $0.15 per 1M tokens is
 * 150,000,000), so that every published price is an exact integer.
 *
 * <p>A model may bill long prompts at higher rates: each {@link Tier} holds the rates of every request whose prompt
 * ({@link Usage#promptTokens()}: plain, cached and cache-written input together) has more tokens than its
 * threshold. The highest threshold below the prompt wins, and its rates price the whole request, every bucket; a
 * prompt of exactly the threshold stays in the tier below. This is how Google bills Gemini 2.5 Pro above 200k
 * prompt tokens and Anthropic bills Claude Sonnet 4 and 4.5 above 200k input tokens.
 *
 * <p>The cost of a usage is {@code round_half_up(sum(tokens_b * rate_b) / 1,000,000)} nano-dollars over the
 * buckets of {@link Usage}, at the rates of the tier the usage falls in: the sum is exact and rounding happens
 * once, so a request's cost is reproducible from its usage and this price.
 *
 * @param model the catalog key this price came from ({@code openai/gpt-4o-mini})
 * @param input plain input tokens
 * @param cachedInput input read from the provider's prompt cache
 * @param cacheWrite input written to a 5-minute prompt cache
 * @param cacheWrite1h input written to a 1-hour prompt cache
 * @param output output tokens
 * @param reasoning reasoning output tokens
 * @param tiers the rates for longer prompts, by strictly ascending threshold; empty for a flat price
 */
public record Price(String model, long input, long cachedInput, long cacheWrite, long cacheWrite1h, long output,
                    long reasoning, List<Tier> tiers) {

    private static final long PER_MILLION = 1_000_000L;
    private static final BigInteger BIG_PER_MILLION = BigInteger.valueOf(PER_MILLION);

    public Price {
        Objects.requireNonNull(model, "model");
        tiers = List.copyOf(tiers);
        if (input < 0 || cachedInput < 0 || cacheWrite < 0 || cacheWrite1h < 0 || output < 0 || reasoning < 0) {
            throw new IllegalArgumentException("rates must not be negative for " + model);
        }
        for (int i = 1; i < tiers.size(); i++) {
            if (tiers.get(i).abovePromptTokens() <= tiers.get(i - 1).abovePromptTokens()) {
                throw new IllegalArgumentException("tier thresholds must ascend for " + model + ", was "
                        + tiers.get(i - 1).abovePromptTokens() + " then " + tiers.get(i).abovePromptTokens());
            }
        }
    }

    /** A flat price: the same rates whatever the prompt's length. */
    public Price(String model, long input, long cachedInput, long cacheWrite, long cacheWrite1h, long output,
                 long reasoning) {
        this(model, input, cachedInput, cacheWrite, cacheWrite1h, output, reasoning, List.of());
    }

    /**
     * The rates of a long-prompt tier, in nano-dollars per one million tokens.
     *
     * @param abovePromptTokens the tier applies to requests whose prompt has more tokens than this (at least 1)
     * @param input plain input tokens
     * @param cachedInput input read from the provider's prompt cache
     * @param cacheWrite input written to a 5-minute prompt cache
     * @param cacheWrite1h input written to a 1-hour prompt cache
     * @param output output tokens
     * @param reasoning reasoning output tokens
     */
    public record Tier(long abovePromptTokens, long input, long cachedInput, long cacheWrite, long cacheWrite1h,
                       long output, long reasoning) {

        public Tier {
            if (abovePromptTokens < 1) {
                throw new IllegalArgumentException(
                        "a tier's threshold must be at least 1 prompt token, was " + abovePromptTokens);
            }
            if (input < 0 || cachedInput < 0 || cacheWrite < 0 || cacheWrite1h < 0 || output < 0 || reasoning < 0) {
                throw new IllegalArgumentException(
                        "rates must not be negative in the tier above " + abovePromptTokens + " prompt tokens");
            }
        }
    }

    /**
     * The flat price that applies to a request with this many prompt tokens: this price's own rates, or those of
     * the highest tier whose threshold the prompt exceeds. Returns this very instance when it has no tiers.
     */
    public Price at(long promptTokens) {
        for (int i = tiers.size() - 1; i >= 0; i--) {
            Tier tier = tiers.get(i);
            if (promptTokens > tier.abovePromptTokens()) {
                return new Price(model, tier.input(), tier.cachedInput(), tier.cacheWrite(), tier.cacheWrite1h(),
                        tier.output(), tier.reasoning());
            }
        }
        return tiers.isEmpty() ? this : new Price(model, input, cachedInput, cacheWrite, cacheWrite1h, output,
                reasoning);
    }

    /** The cost of this usage at the rates of the tier its prompt falls in. */
    public Money cost(Usage usage) {
        if (tiers.isEmpty()) {
            return flatCost(usage);
        }
        return at(promptTokens(usage)).flatCost(usage);
    }

    private Money flatCost(Usage usage) {
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

    /** The prompt's tokens, saturating instead of wrapping so that a huge usage still selects the highest tier. */
    private static long promptTokens(Usage usage) {
        return plus(plus(usage.inputTokens(), usage.cachedInputTokens()),
                plus(usage.cacheWriteTokens(), usage.cacheWrite1hTokens()));
    }

    private static long plus(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
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
