package io.tollgate.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks shared by every owner of budgets. */
final class Budgets {

    private Budgets() {
    }

    /** An owner has at most one budget per reset duration (the duration names the budget). */
    static void requireOnePerDuration(List<BudgetSpec> budgets) {
        Set<String> seen = new HashSet<>();
        for (BudgetSpec budget : budgets) {
            if (!seen.add(budget.resetDuration().toString())) {
                throw new IllegalArgumentException("budgets must have one budget per reset_duration; "
                        + budget.resetDuration() + " appears twice");
            }
        }
    }
}
