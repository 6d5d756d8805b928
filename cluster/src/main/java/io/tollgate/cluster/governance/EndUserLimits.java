package io.tollgate.cluster.governance;

import io.tollgate.config.BudgetSpec;
import io.tollgate.config.RateLimitSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The limits each end user of a virtual key is held to: its own budgets and rate limit, counted apart for every end
 * user, on the key's account (so an admission checks them in the same atomic step as the key's own limits).
 *
 * @param budgets at most one per reset duration
 * @param rateLimit its request and token limits, if any
 */
public record EndUserLimits(List<BudgetSpec> budgets, Optional<RateLimitSpec> rateLimit) {

    /** No end-user limits. */
    public static final EndUserLimits NONE = new EndUserLimits(List.of(), Optional.empty());

    public EndUserLimits {
        budgets = DefinitionChecks.budgets(budgets, "end_user_budgets");
        Objects.requireNonNull(rateLimit, "rateLimit");
    }

    /** True when it limits nothing. */
    public boolean isEmpty() {
        return budgets.isEmpty() && rateLimit.isEmpty();
    }
}
