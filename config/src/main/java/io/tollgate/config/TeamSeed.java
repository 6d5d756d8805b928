package io.tollgate.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A team declared in the configuration file; applied at start, matched by name.
 *
 * @param name unique name
 * @param customer the name of the customer it belongs to, if any
 * @param budgets budgets, at most one per reset duration
 * @param plan what the team pays, when its margin is tracked
 */
public record TeamSeed(String name, Optional<String> customer, List<BudgetSpec> budgets, Optional<PlanSpec> plan) {

    public TeamSeed {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(customer, "customer");
        budgets = List.copyOf(budgets);
        Objects.requireNonNull(plan, "plan");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        Budgets.requireOnePerDuration(budgets);
    }

    /** A team without a plan. */
    public TeamSeed(String name, Optional<String> customer, List<BudgetSpec> budgets) {
        this(name, customer, budgets, Optional.empty());
    }
}
