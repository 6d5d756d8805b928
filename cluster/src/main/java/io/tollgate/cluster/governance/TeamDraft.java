package io.tollgate.cluster.governance;

import io.tollgate.config.BudgetSpec;
import io.tollgate.config.PlanSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the management API sends to create a team or replace its definition.
 *
 * @param name unique among teams
 * @param customerId the customer it belongs to, if any (must exist)
 * @param budgets at most one per reset duration
 * @param plan what it pays, when set
 * @throws GovernanceException of kind INVALID naming the field
 */
public record TeamDraft(String name, Optional<String> customerId, List<BudgetSpec> budgets, Optional<PlanSpec> plan) {

    public TeamDraft {
        DefinitionChecks.name(name);
        DefinitionChecks.reference(customerId, "customer_id");
        budgets = DefinitionChecks.budgets(budgets, "budgets");
        Objects.requireNonNull(plan, "plan");
    }

    /** A draft without a plan. */
    public TeamDraft(String name, Optional<String> customerId, List<BudgetSpec> budgets) {
        this(name, customerId, budgets, Optional.empty());
    }
}
