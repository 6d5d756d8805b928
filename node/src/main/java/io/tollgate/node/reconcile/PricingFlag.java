package io.tollgate.node.reconcile;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * A catalog price that disagrees with what the provider billed over the period.
 *
 * @param model the model
 * @param tokenType {@code input}, {@code cached_input}, {@code cache_write} or {@code output}
 * @param tokens the provider's tokens of that type over the period
 * @param billedUsdPerMillion the provider's cost of those tokens per million, in USD (six decimals)
 * @param catalogUsdPerMillion the gateway's catalog rate, in USD per million; empty when the catalog lacks the model
 */
public record PricingFlag(String model, String tokenType, long tokens, BigDecimal billedUsdPerMillion,
                          Optional<BigDecimal> catalogUsdPerMillion) {

    public PricingFlag {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(tokenType, "tokenType");
        Objects.requireNonNull(billedUsdPerMillion, "billedUsdPerMillion");
        Objects.requireNonNull(catalogUsdPerMillion, "catalogUsdPerMillion");
    }
}
