package io.tollgate.config;

import java.math.BigDecimal;
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
 */
public record ModelPrice(BigDecimal input, BigDecimal output, Optional<BigDecimal> cachedInput,
                         Optional<BigDecimal> cacheWrite, Optional<BigDecimal> cacheWrite1h,
                         Optional<BigDecimal> reasoning) {

    public ModelPrice {
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

    /** A price with only input and output rates. */
    public static ModelPrice of(BigDecimal input, BigDecimal output) {
        return new ModelPrice(input, output, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
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
