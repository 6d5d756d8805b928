package io.tollgate.node.reconcile;

import io.tollgate.adapters.pricing.Price;
import io.tollgate.cluster.reconcile.ByType;
import io.tollgate.cluster.reconcile.ProviderFigure;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Compares the provider's billed rate per token type (its cost of a type over the period divided by its tokens of
 * that type) with the catalog's rate. A rate is flagged when it differs from the catalog's by more than 0.5%, or the
 * catalog lacks the model. Only figures that break the cost down by type (the admin APIs) are checked. The
 * catalog's cache-write rate is its 5-minute one; a period with 1-hour writes (billed at a higher rate) may be
 * flagged for that reason.
 */
final class PricingCheck {

    private static final BigDecimal NANOS_PER_USD = BigDecimal.valueOf(1_000_000_000L);
    private static final BigDecimal TOLERANCE = new BigDecimal("0.005");

    private PricingCheck() {
    }

    static List<PricingFlag> flags(List<ProviderFigure> figures, Function<String, Optional<Price>> catalog) {
        Map<String, ByType[]> byModel = new TreeMap<>();
        for (ProviderFigure f : figures) {
            if (f.costByType().isEmpty()) {
                continue;
            }
            ByType[] sums = byModel.computeIfAbsent(f.model(), m -> new ByType[] {ByType.NONE, ByType.NONE});
            sums[0] = sums[0].plus(f.tokens());
            sums[1] = sums[1].plus(f.costByType());
        }
        List<PricingFlag> flags = new ArrayList<>();
        byModel.forEach((model, sums) -> {
            Optional<Price> price = catalog.apply(model);
            for (TokenKind kind : TokenKind.values()) {
                OptionalLong tokens = part(sums[0], kind);
                OptionalLong cost = part(sums[1], kind);
                if (tokens.isEmpty() || cost.isEmpty() || tokens.getAsLong() == 0) {
                    continue;
                }
                // nano-dollars per token is USD per billion tokens; per million is that divided by 1000
                BigDecimal billed = BigDecimal.valueOf(cost.getAsLong())
                        .divide(BigDecimal.valueOf(tokens.getAsLong()), 9, RoundingMode.HALF_UP)
                        .movePointLeft(3).setScale(6, RoundingMode.HALF_UP);
                Optional<BigDecimal> listed = price.map(p -> BigDecimal.valueOf(rate(p, kind))
                        .divide(NANOS_PER_USD).stripTrailingZeros());
                if (listed.isEmpty() || billed.subtract(listed.get()).abs()
                        .compareTo(listed.get().multiply(TOLERANCE)) > 0) {
                    flags.add(new PricingFlag(model, kind.label(), tokens.getAsLong(), billed.stripTrailingZeros(),
                            listed));
                }
            }
        });
        return List.copyOf(flags);
    }

    private static long rate(Price price, TokenKind kind) {
        return switch (kind) {
            case INPUT -> price.input();
            case CACHED_INPUT -> price.cachedInput();
            case CACHE_WRITE -> price.cacheWrite();
            case OUTPUT -> price.output();
        };
    }

    private static OptionalLong part(ByType amounts, TokenKind kind) {
        return switch (kind) {
            case INPUT -> amounts.input();
            case CACHED_INPUT -> amounts.cachedInput();
            case CACHE_WRITE -> amounts.cacheWrite();
            case OUTPUT -> amounts.output();
        };
    }
}
