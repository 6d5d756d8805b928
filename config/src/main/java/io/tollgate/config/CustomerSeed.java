package io.tollgate.config;

import java.util.List;
import java.util.Objects;

/**
 * A customer declared in the configuration file; applied at start, matched by name.
 *
 * @param name unique name
 * @param budgets budgets, at most one per reset duration
 */
public record CustomerSeed(String name, List<BudgetSpec> budgets) {

    public CustomerSeed {
        Objects.requireNonNull(name, "name");
        budgets = List.copyOf(budgets);
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        Budgets.requireOnePerDuration(budgets);
    }
}
