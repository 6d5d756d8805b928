package io.tollgate.config;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A virtual key declared in the configuration file; applied at start, matched by name. Its value is given here
 * (usually from the environment) and stored only as a hash.
 *
 * @param name unique name
 * @param value the key's value, starting with {@code tg-}
 * @param active false to block it
 * @param expiresAt when it stops working, if ever
 * @param team the name of its team, if any (a key belongs to a team, a customer, or neither)
 * @param customer the name of its customer, if any
 * @param providerConfigs the providers it may use; empty allows every provider and model
 * @param budgets its budgets, at most one per reset duration
 * @param rateLimit its rate limits, if any
 * @param fallbacks model addresses ({@code provider/model}) tried in order when the requested model fails, at
 *     most {@value Fallbacks#MAX}; empty for none
 * @param endUserBudgets the budgets of each end user of the key, counted apart per end user
 * @param endUserRateLimit the rate limit of each end user of the key
 */
public record VirtualKeySeed(String name, Secret value, boolean active, Optional<Instant> expiresAt,
                             Optional<String> team, Optional<String> customer, List<KeyProviderSpec> providerConfigs,
                             List<BudgetSpec> budgets, Optional<RateLimitSpec> rateLimit, List<String> fallbacks,
                             List<BudgetSpec> endUserBudgets, Optional<RateLimitSpec> endUserRateLimit) {

    /** A key without end-user limits. */
    public VirtualKeySeed(String name, Secret value, boolean active, Optional<Instant> expiresAt,
                          Optional<String> team, Optional<String> customer, List<KeyProviderSpec> providerConfigs,
                          List<BudgetSpec> budgets, Optional<RateLimitSpec> rateLimit, List<String> fallbacks) {
        this(name, value, active, expiresAt, team, customer, providerConfigs, budgets, rateLimit, fallbacks, List.of(),
                Optional.empty());
    }

    public VirtualKeySeed {
        endUserBudgets = List.copyOf(endUserBudgets);
        Objects.requireNonNull(endUserRateLimit, "endUserRateLimit");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(rateLimit, "rateLimit");
        providerConfigs = List.copyOf(providerConfigs);
        budgets = List.copyOf(budgets);
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (!value.reveal().startsWith("tg-") || value.reveal().length() < 12) {
            throw new IllegalArgumentException("value must start with 'tg-' and be at least 12 characters");
        }
        if (team.isPresent() && customer.isPresent()) {
            throw new IllegalArgumentException("a virtual key belongs to a team or a customer, not both");
        }
        Budgets.requireOnePerDuration(budgets);
        fallbacks = Fallbacks.check(fallbacks, (field, problem) -> new IllegalArgumentException(field + " " + problem));
    }
}
