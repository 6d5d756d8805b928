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
 */
public record TeamSeed(String name, Optional<String> customer, List<BudgetSpec> budgets) {

    public TeamSeed {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(customer, "customer");
        budgets = List.copyOf(budgets);
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        Budgets.requireOnePerDuration(budgets);
    }
}
