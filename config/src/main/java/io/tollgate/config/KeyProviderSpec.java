package io.tollgate.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One provider a virtual key may use, with its own limits.
 *
 * @param provider the configured provider's name
 * @param weight share of this key's traffic when several providers serve a model, at least 1
 * @param allowedModels models allowed: {@code "*"} for all, exact names, or {@code "regex:..."}; empty allows all
 * @param blockedModels models refused, same forms; blocked wins over allowed
 * @param keyIds names of the provider's API keys this virtual key may use; empty for all
 * @param budgets budgets of this provider config, at most one per reset duration
 * @param rateLimit its rate limits, if any
 */
public record KeyProviderSpec(String provider, int weight, List<String> allowedModels, List<String> blockedModels,
                              List<String> keyIds, List<BudgetSpec> budgets, Optional<RateLimitSpec> rateLimit) {

    public KeyProviderSpec {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(rateLimit, "rateLimit");
        allowedModels = List.copyOf(allowedModels);
        blockedModels = List.copyOf(blockedModels);
        keyIds = List.copyOf(keyIds);
        budgets = List.copyOf(budgets);
        if (provider.isBlank()) {
            throw new IllegalArgumentException("provider must not be blank");
        }
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be at least 1, was " + weight);
        }
        Budgets.requireOnePerDuration(budgets);
    }
}
