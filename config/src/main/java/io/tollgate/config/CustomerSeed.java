package io.tollgate.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer declared in the configuration file; applied at start, matched by name.
 *
 * @param name unique name
 * @param budgets budgets, at most one per reset duration
 * @param plan what the customer pays, when its margin is tracked
 */
public record CustomerSeed(String name, List<BudgetSpec> budgets, Optional<PlanSpec> plan) {

    public CustomerSeed {
        Objects.requireNonNull(name, "name");
        budgets = List.copyOf(budgets);
        Objects.requireNonNull(plan, "plan");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        Budgets.requireOnePerDuration(budgets);
    }

    /** A customer without a plan. */
    public CustomerSeed(String name, List<BudgetSpec> budgets) {
        this(name, budgets, Optional.empty());
    }
}
