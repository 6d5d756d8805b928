package io.tollgate.cluster.governance;

import io.tollgate.config.BudgetSpec;
import io.tollgate.config.PlanSpec;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer: the root of its hierarchy (its teams and keys are charged on its account).
 *
 * @param id {@code cust_} and 16 random characters
 * @param name unique among customers
 * @param budgets at most one per reset duration
 * @param plan what it pays (the revenue side of its margin), when set
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @throws GovernanceException of kind INVALID naming the field
 */
public record Customer(String id, String name, List<BudgetSpec> budgets, Optional<PlanSpec> plan, Instant createdAt,
                       Instant updatedAt) {

    public Customer {
        DefinitionChecks.id(id, KeyValues.CUSTOMER_PREFIX);
        DefinitionChecks.name(name);
        budgets = DefinitionChecks.budgets(budgets, "budgets");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A customer without a plan. */
    public Customer(String id, String name, List<BudgetSpec> budgets, Instant createdAt, Instant updatedAt) {
        this(id, name, budgets, Optional.empty(), createdAt, updatedAt);
    }

    /** The draft that would produce this customer's current definition. */
    public CustomerDraft toDraft() {
        return new CustomerDraft(name, budgets, plan);
    }
}
