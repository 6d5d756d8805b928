package io.tollgate.adapters.pricing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
 * @param tiers the long-prompt tiers by ascending threshold, each with rates of its own and no tiers; empty when
 *     not stated (an override then keeps the catalog's tiers), a present empty list when stated as none
 */
record Rates(long input, long output, long cachedInput, long cacheWrite, long cacheWrite1h, long reasoning,
             Optional<List<Tier>> tiers) {

    /** Marks an optional rate that was not stated. */
    static final long UNSET = -1;

    Rates {
        if (input < 0 || output < 0) {
            throw new IllegalArgumentException("input and output rates must be stated and not negative");
        }
        tiers = tiers.map(List::copyOf);
    }

    /** Rates without any statement about tiers. */
    Rates(long input, long output, long cachedInput, long cacheWrite, long cacheWrite1h, long reasoning) {
        this(input, output, cachedInput, cacheWrite, cacheWrite1h, reasoning, Optional.empty());
    }

    /**
     * The stated rates of one tier.
     *
     * @param abovePromptTokens the threshold the prompt must exceed
     * @param rates the tier's rates, themselves without tiers
     */
    record Tier(long abovePromptTokens, Rates rates) {

        Tier {
            Objects.requireNonNull(rates, "rates");
            if (rates.tiers().isPresent()) {
                throw new IllegalArgumentException("a tier has no tiers of its own");
            }
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
     * These rates with every unstated optional rate taken from {@code base}, where {@code base} states it. Unstated
     * tiers are {@code base}'s tiers; each stated tier takes its unstated rates from {@code base}'s tier of the same
     * threshold, if there is one. Rates still unstated afterwards keep their derived defaults in
     * {@link #toPrice(String)}.
     */
    Rates over(Rates base) {
        Optional<List<Tier>> merged = tiers.isEmpty() ? base.tiers : tiers.map(own -> {
            List<Tier> out = new ArrayList<>(own.size());
            for (Tier tier : own) {
                Optional<Tier> same = base.tiers.orElse(List.of()).stream()
                        .filter(b -> b.abovePromptTokens() == tier.abovePromptTokens()).findFirst();
                out.add(same.map(b -> new Tier(tier.abovePromptTokens(), tier.rates().over(b.rates())))
                        .orElse(tier));
            }
            return out;
        });
        return new Rates(input, output,
                cachedInput != UNSET ? cachedInput : base.cachedInput,
                cacheWrite != UNSET ? cacheWrite : base.cacheWrite,
                cacheWrite1h != UNSET ? cacheWrite1h : base.cacheWrite1h,
                reasoning != UNSET ? reasoning : base.reasoning,
                merged);
    }

    /**
     * The price these rates give: unstated cache rates cost the input rate, unstated reasoning the output rate, and
     * the same within each tier (its own input and output rates).
     *
     * @param key the catalog or override key the price is reported under
     * @throws IllegalArgumentException if the tier thresholds do not ascend
     */
    Price toPrice(String key) {
        List<Price.Tier> priced = new ArrayList<>();
        for (Tier tier : tiers.orElse(List.of())) {
            Rates r = tier.rates();
            priced.add(new Price.Tier(tier.abovePromptTokens(), r.input, r.cachedOrInput(), r.writeOrInput(),
                    r.write1hOrInput(), r.output, r.reasoningOrOutput()));
        }
        return new Price(key, input, cachedOrInput(), writeOrInput(), write1hOrInput(), output, reasoningOrOutput(),
                priced);
    }

    private long cachedOrInput() {
        return cachedInput != UNSET ? cachedInput : input;
    }

    private long writeOrInput() {
        return cacheWrite != UNSET ? cacheWrite : input;
    }

    private long write1hOrInput() {
        return cacheWrite1h != UNSET ? cacheWrite1h : input;
    }

    private long reasoningOrOutput() {
        return reasoning != UNSET ? reasoning : output;
    }
}
