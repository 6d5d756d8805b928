package io.tollgate.cluster.governance;

import io.tollgate.config.BudgetSpec;
import io.tollgate.config.PlanSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the management API sends to create a customer or replace its definition.
 *
 * @param name unique among customers
 * @param budgets at most one per reset duration
 * @param plan what it pays, when set
 * @throws GovernanceException of kind INVALID naming the field
 */
public record CustomerDraft(String name, List<BudgetSpec> budgets, Optional<PlanSpec> plan) {

    public CustomerDraft {
        DefinitionChecks.name(name);
        budgets = DefinitionChecks.budgets(budgets, "budgets");
        Objects.requireNonNull(plan, "plan");
    }

    /** A draft without a plan. */
    public CustomerDraft(String name, List<BudgetSpec> budgets) {
        this(name, budgets, Optional.empty());
    }
}
