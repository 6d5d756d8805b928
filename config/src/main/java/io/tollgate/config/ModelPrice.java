package io.tollgate.config;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A price override for one model, in USD per one million tokens. Rates left empty fall back to the bundled
 * catalog's entry for the model, then to the input (cached, cache-write) or output (reasoning) rate.
 *
 * @param input uncached input tokens
 * @param output output tokens
 * @param cachedInput input tokens read from the provider's prompt cache
 * @param cacheWrite input tokens written to the provider's prompt cache (Anthropic's 5-minute cache)
 * @param cacheWrite1h input tokens written to Anthropic's 1-hour cache
 * @param reasoning reasoning (thinking) output tokens
 * @param tiers the rates for long prompts by strictly ascending threshold: empty to keep the catalog entry's tiers,
 *     a present empty list for a flat price
 */
public record ModelPrice(BigDecimal input, BigDecimal output, Optional<BigDecimal> cachedInput,
                         Optional<BigDecimal> cacheWrite, Optional<BigDecimal> cacheWrite1h,
                         Optional<BigDecimal> reasoning, Optional<List<Tier>> tiers) {

    public ModelPrice {
        Objects.requireNonNull(tiers, "tiers");
        requireRates(input, output, cachedInput, cacheWrite, cacheWrite1h, reasoning);
        tiers = tiers.map(List::copyOf);
        List<Tier> list = tiers.orElse(List.of());
        for (int i = 1; i < list.size(); i++) {
            long previous = list.get(i - 1).abovePromptTokens();
            long threshold = list.get(i).abovePromptTokens();
            if (threshold <= previous) {
                throw new IllegalArgumentException("tiers[" + i + "].above_prompt_tokens must be greater than tiers["
                        + (i - 1) + "]'s " + previous + ", was " + threshold);
            }
        }
    }

    /** A price with only input and output rates. */
    public static ModelPrice of(BigDecimal input, BigDecimal output) {
        return new ModelPrice(input, output, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /**
     * The rates of every request whose prompt (all its input tokens, cached and cache-written included) has more
     * tokens than {@code abovePromptTokens}; rates left empty fall back to the catalog's tier of the same threshold,
     * then to this tier's input (cached, cache-write) or output (reasoning) rate.
     *
     * @param abovePromptTokens the threshold the prompt must exceed, at least 1
     * @param input uncached input tokens
     * @param output output tokens
     * @param cachedInput input tokens read from the provider's prompt cache
     * @param cacheWrite input tokens written to a 5-minute prompt cache
     * @param cacheWrite1h input tokens written to a 1-hour prompt cache
     * @param reasoning reasoning (thinking) output tokens
     */
    public record Tier(long abovePromptTokens, BigDecimal input, BigDecimal output, Optional<BigDecimal> cachedInput,
                       Optional<BigDecimal> cacheWrite, Optional<BigDecimal> cacheWrite1h,
                       Optional<BigDecimal> reasoning) {

        public Tier {
            requireRates(input, output, cachedInput, cacheWrite, cacheWrite1h, reasoning);
            if (abovePromptTokens < 1) {
                throw new IllegalArgumentException("above_prompt_tokens must be at least 1, was " + abovePromptTokens);
            }
        }
    }

    private static void requireRates(BigDecimal input, BigDecimal output, Optional<BigDecimal> cachedInput,
                                     Optional<BigDecimal> cacheWrite, Optional<BigDecimal> cacheWrite1h,
                                     Optional<BigDecimal> reasoning) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(cachedInput, "cachedInput");
        Objects.requireNonNull(cacheWrite, "cacheWrite");
        Objects.requireNonNull(cacheWrite1h, "cacheWrite1h");
        Objects.requireNonNull(reasoning, "reasoning");
        requireNonNegative("input", input);
        requireNonNegative("output", output);
        cachedInput.ifPresent(v -> requireNonNegative("cached_input", v));
        cacheWrite.ifPresent(v -> requireNonNegative("cache_write", v));
        cacheWrite1h.ifPresent(v -> requireNonNegative("cache_write_1h", v));
        reasoning.ifPresent(v -> requireNonNegative("reasoning", v));
    }

    private static void requireNonNegative(String key, BigDecimal value) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException(key + " must not be negative, was " + value.toPlainString());
        }
        if (value.stripTrailingZeros().scale() > 9) {
            throw new IllegalArgumentException(
                    key + " has more than 9 decimal places (USD per 1M tokens), was " + value.toPlainString());
        }
    }
}
