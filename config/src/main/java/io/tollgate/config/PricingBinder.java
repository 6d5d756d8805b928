package io.tollgate.config;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Binds the {@code pricing} section: {@code provider/model} to a {@link ModelPrice} in USD per 1M tokens. */
final class PricingBinder {

    /** Keys allowed in one price entry. */
    static final Set<String> PRICE_KEYS =
            Set.of("input", "output", "cached_input", "cache_write", "cache_write_1h", "reasoning");

    private PricingBinder() {
    }

    /** Binds every entry; each key's provider part must name one of {@code providers}. */
    static Map<String, ModelPrice> bind(ConfigNode pricing, Set<String> providers) {
        Map<String, ModelPrice> prices = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigNode> entry : pricing.entries()) {
            String key = entry.getKey();
            ConfigNode node = entry.getValue();
            int slash = key.indexOf('/');
            if (slash <= 0 || slash == key.length() - 1) {
                throw node.error("a pricing key is provider/model, for example openai/gpt-4o");
            }
            String provider = key.substring(0, slash);
            if (!providers.contains(provider)) {
                throw node.error(ProblemText.unknownName("provider", provider, providers, "configured"));
            }
            prices.put(key, price(node));
        }
        return prices;
    }

    private static ModelPrice price(ConfigNode node) {
        node.requireKeys(PRICE_KEYS);
        BigDecimal input = node.required("input").decimal();
        BigDecimal output = node.required("output").decimal();
        Optional<BigDecimal> cachedInput = node.field("cached_input").map(ConfigNode::decimal);
        Optional<BigDecimal> cacheWrite = node.field("cache_write").map(ConfigNode::decimal);
        Optional<BigDecimal> cacheWrite1h = node.field("cache_write_1h").map(ConfigNode::decimal);
        Optional<BigDecimal> reasoning = node.field("reasoning").map(ConfigNode::decimal);
        return node.build(PRICE_KEYS,
                () -> new ModelPrice(input, output, cachedInput, cacheWrite, cacheWrite1h, reasoning));
    }
}
