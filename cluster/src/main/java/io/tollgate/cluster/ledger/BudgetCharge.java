package io.tollgate.cluster.ledger;

import io.tollgate.config.BudgetSpec;
import java.util.Objects;

/**
 * A budget on a request's path, as the admission must check it.
 *
 * @param counterId the budget's stable id (for example {@code vk:vk_123:1d}); one counter per id
 * @param level where the budget is attached
 * @param ownerId the id of the customer, team or key (or {@code keyId/provider} for a provider config)
 * @param spec the budget's limit, period and mode
 */
public record BudgetCharge(String counterId, Level level, String ownerId, BudgetSpec spec) {

    public BudgetCharge {
        Objects.requireNonNull(counterId, "counterId");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(spec, "spec");
    }
}
