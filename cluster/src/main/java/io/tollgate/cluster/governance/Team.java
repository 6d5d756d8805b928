package io.tollgate.cluster.governance;

import io.tollgate.config.BudgetSpec;
import io.tollgate.config.PlanSpec;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A team, under a customer or on its own (then it is the root of its hierarchy).
 *
 * @param id {@code team_} and 16 random characters
 * @param name unique among teams
 * @param customerId the customer it belongs to, if any
 * @param budgets at most one per reset duration
 * @param plan what it pays (the revenue side of its margin), when set
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @throws GovernanceException of kind INVALID naming the field
 */
public record Team(String id, String name, Optional<String> customerId, List<BudgetSpec> budgets, Optional<PlanSpec> plan,
                   Instant createdAt, Instant updatedAt) {

    public Team {
        DefinitionChecks.id(id, KeyValues.TEAM_PREFIX);
        DefinitionChecks.name(name);
        DefinitionChecks.reference(customerId, "customer_id");
        budgets = DefinitionChecks.budgets(budgets, "budgets");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A team without a plan. */
    public Team(String id, String name, Optional<String> customerId, List<BudgetSpec> budgets, Instant createdAt,
                Instant updatedAt) {
        this(id, name, customerId, budgets, Optional.empty(), createdAt, updatedAt);
    }

    /** The account its counters live on: its customer's id, or its own. */
    public String accountId() {
        return customerId.orElse(id);
    }

    /** The draft that would produce this team's current definition. */
    public TeamDraft toDraft() {
        return new TeamDraft(name, customerId, budgets, plan);
    }
}
