package io.tollgate.cluster.governance;

import io.tollgate.config.BudgetSpec;
import java.util.List;

/**
 * What the management API sends to create a customer or replace its definition.
 *
 * @param name unique among customers
 * @param budgets at most one per reset duration
 * @throws GovernanceException of kind INVALID naming the field
 */
public record CustomerDraft(String name, List<BudgetSpec> budgets) {

    public CustomerDraft {
        DefinitionChecks.name(name);
        budgets = DefinitionChecks.budgets(budgets, "budgets");
    }
}
