package io.tollgate.node.providers.contract;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The golden cost formula, written out in the test instead of borrowed from the gateway's {@code Price}: each bucket's
 * tokens times its per-million rate, summed exactly, rounded half-up once to the nano-dollar.
 *
 * <p>The rates are the ones {@link ProviderContract} configures under {@code pricing:}; each is distinct, so a token
 * counted in the wrong bucket changes the cost, and {@link #CACHED_INPUT} has a half nano-dollar per token so that the
 * rounding is exercised too.
 */
final class Golden {

    static final String INPUT = "3";
    static final String CACHED_INPUT = "0.3125";
    static final String CACHE_WRITE = "3.75";
    static final String CACHE_WRITE_1H = "6";
    static final String OUTPUT = "15";
    static final String REASONING = "17.5";

    private Golden() {
    }

    /** The {@code pricing:} entry with every rate set. */
    static String pricing() {
        return "{ input: %s, cached_input: %s, cache_write: %s, cache_write_1h: %s, output: %s, reasoning: %s }"
                .formatted(INPUT, CACHED_INPUT, CACHE_WRITE, CACHE_WRITE_1H, OUTPUT, REASONING);
    }

    /**
     * The tokens of one answer in the gateway's billing buckets, as the test reads the provider's documented usage
     * fields (each subclass says which field goes where).
     */
    record Tokens(long input, long cachedInput, long cacheWrite, long cacheWrite1h, long output, long reasoning) {

        /** The cost in nano-dollars. */
        long costNanos() {
            BigDecimal dollars = rate(input, INPUT).add(rate(cachedInput, CACHED_INPUT))
                    .add(rate(cacheWrite, CACHE_WRITE)).add(rate(cacheWrite1h, CACHE_WRITE_1H))
                    .add(rate(output, OUTPUT)).add(rate(reasoning, REASONING));
            return dollars.movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact();
        }

        private static BigDecimal rate(long tokens, String perMillion) {
            return BigDecimal.valueOf(tokens).multiply(new BigDecimal(perMillion)).movePointLeft(6);
        }
    }
}
