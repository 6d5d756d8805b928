package io.tollgate.adapters.pricing;

import java.math.BigDecimal;

/**
 * The rates a catalog entry or an override states, in nano-dollars per one million tokens, before defaults are
 * applied. An optional rate that was not stated is {@link #UNSET}, so that an override can tell a rate the catalog
 * published apart from one it would merely derive.
 *
 * @param input plain input, always stated
 * @param output output, always stated
 * @param cachedInput cache reads, or {@link #UNSET}
 * @param cacheWrite 5-minute cache writes, or {@link #UNSET}
 * @param cacheWrite1h 1-hour cache writes, or {@link #UNSET}
 * @param reasoning reasoning output, or {@link #UNSET}
 */
record Rates(long input, long output, long cachedInput, long cacheWrite, long cacheWrite1h, long reasoning) {

    /** Marks an optional rate that was not stated. */
    static final long UNSET = -1;

    Rates {
        if (input < 0 || output < 0) {
            throw new IllegalArgumentException("input and output rates must be stated and not negative");
        }
    }

    /**
     * Converts a rate in USD per one million tokens to nano-dollars per one million tokens, exactly.
     *
     * @throws ArithmeticException if the rate has more than nine decimal places or does not fit a {@code long}
     */
    static long nanosPerMillion(BigDecimal usdPerMillion) {
        return Money.ofUsd(usdPerMillion).nanos();
    }

    /**
     * These rates with every unstated optional rate taken from {@code base}, where {@code base} states it. Rates
     * still unstated afterwards keep their derived defaults in {@link #toPrice(String)}.
     */
    Rates over(Rates base) {
        return new Rates(input, output,
                cachedInput != UNSET ? cachedInput : base.cachedInput,
                cacheWrite != UNSET ? cacheWrite : base.cacheWrite,
                cacheWrite1h != UNSET ? cacheWrite1h : base.cacheWrite1h,
                reasoning != UNSET ? reasoning : base.reasoning);
    }

    /**
     * The price these rates give: unstated cache rates cost the input rate, unstated reasoning the output rate.
     *
     * @param key the catalog or override key the price is reported under
     */
    Price toPrice(String key) {
        return new Price(key, input,
                cachedInput != UNSET ? cachedInput : input,
                cacheWrite != UNSET ? cacheWrite : input,
                cacheWrite1h != UNSET ? cacheWrite1h : input,
                output,
                reasoning != UNSET ? reasoning : output);
    }
}
