package io.tollgate.config;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;

/** Binds the {@code plan} a customer or team may carry, the same in the configuration file and over the API. */
final class PlanBinder {

    /** Keys allowed under {@code plan}. */
    static final Set<String> PLAN_KEYS = Set.of("monthly_fee", "per_request", "per_million_tokens",
            "included_requests", "included_tokens", "margin_alert_below_percent");

    private PlanBinder() {
    }

    /** The owner's {@code plan}; empty when absent or null. */
    static Optional<PlanSpec> plan(ConfigNode owner) {
        Optional<ConfigNode> field = owner.field("plan");
        if (field.isEmpty() || field.get().isEmpty()) {
            return Optional.empty();
        }
        ConfigNode node = field.get().requireKeys(PLAN_KEYS);
        BigDecimal monthlyFee = node.field("monthly_fee").map(ConfigNode::decimal).orElse(BigDecimal.ZERO);
        BigDecimal perRequest = node.field("per_request").map(ConfigNode::decimal).orElse(BigDecimal.ZERO);
        BigDecimal perMillionTokens = node.field("per_million_tokens").map(ConfigNode::decimal)
                .orElse(BigDecimal.ZERO);
        long includedRequests = node.longOr("included_requests", 0);
        long includedTokens = node.longOr("included_tokens", 0);
        Optional<BigDecimal> alertBelow = node.field("margin_alert_below_percent").map(ConfigNode::decimal);
        return Optional.of(node.build(PLAN_KEYS, () -> new PlanSpec(monthlyFee, perRequest, perMillionTokens,
                includedRequests, includedTokens, alertBelow)));
    }
}
