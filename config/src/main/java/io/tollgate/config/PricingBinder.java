package io.tollgate.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Binds the {@code pricing} section: {@code provider/model} to a {@link ModelPrice} in USD per 1M tokens, with an
 * optional {@code tiers} list of long-prompt rates ({@code above_prompt_tokens} plus the same rate keys).
 */
final class PricingBinder {

    /** Rate keys, allowed in a price entry and in each of its tiers. */
    private static final Set<String> RATE_KEYS =
            Set.of("input", "output", "cached_input", "cache_write", "cache_write_1h", "reasoning");
    /** Keys allowed in one price entry. */
    static final Set<String> PRICE_KEYS = with(RATE_KEYS, "tiers");
    /** Keys allowed in one tier. */
    static final Set<String> TIER_KEYS = with(RATE_KEYS, "above_prompt_tokens");

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
        RateFields r = RateFields.read(node);
        Optional<List<ModelPrice.Tier>> tiers = node.field("tiers").map(PricingBinder::tiers);
        return node.build(PRICE_KEYS, () -> new ModelPrice(r.input, r.output, r.cachedInput, r.cacheWrite,
                r.cacheWrite1h, r.reasoning, tiers));
    }

    private static List<ModelPrice.Tier> tiers(ConfigNode list) {
        List<ModelPrice.Tier> tiers = new ArrayList<>();
        for (ConfigNode node : list.list()) {
            node.requireKeys(TIER_KEYS);
            long above = node.required("above_prompt_tokens").integer(Long.MIN_VALUE, Long.MAX_VALUE);
            RateFields r = RateFields.read(node);
            tiers.add(node.build(TIER_KEYS, () -> new ModelPrice.Tier(above, r.input, r.output, r.cachedInput,
                    r.cacheWrite, r.cacheWrite1h, r.reasoning)));
        }
        return tiers;
    }

    /** The rate keys of an entry or a tier, read before the record checks them. */
    private record RateFields(BigDecimal input, BigDecimal output, Optional<BigDecimal> cachedInput,
                              Optional<BigDecimal> cacheWrite, Optional<BigDecimal> cacheWrite1h,
                              Optional<BigDecimal> reasoning) {

        static RateFields read(ConfigNode node) {
            return new RateFields(node.required("input").decimal(), node.required("output").decimal(),
                    node.field("cached_input").map(ConfigNode::decimal),
                    node.field("cache_write").map(ConfigNode::decimal),
                    node.field("cache_write_1h").map(ConfigNode::decimal),
                    node.field("reasoning").map(ConfigNode::decimal));
        }
    }

    private static Set<String> with(Set<String> keys, String extra) {
        Set<String> all = new HashSet<>(keys);
        all.add(extra);
        return Set.copyOf(all);
    }
}
