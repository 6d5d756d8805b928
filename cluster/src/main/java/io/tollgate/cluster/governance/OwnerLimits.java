package io.tollgate.cluster.governance;

import io.tollgate.cluster.ledger.BudgetCharge;
import io.tollgate.cluster.ledger.CounterKind;
import io.tollgate.cluster.ledger.CounterView;
import io.tollgate.cluster.ledger.Level;
import io.tollgate.cluster.ledger.WindowCharge;
import io.tollgate.config.BudgetMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The budgets and windows one owner defines (a customer, a team, a key, or one provider config of a key), with
 * the account they live on: what the management listings show, whether or not a counter was used yet.
 *
 * @param accountId the account holding the counters
 * @param level the owner's level
 * @param ownerId the owner's id ({@code keyId/provider} for a provider config)
 * @param ownerName a name for people ({@code demo}, {@code demo/openai})
 * @param budgets the owner's budgets
 * @param windows the owner's rate-limit windows
 */
public record OwnerLimits(String accountId, Level level, String ownerId, String ownerName, List<BudgetCharge> budgets,
                          List<WindowCharge> windows) {

    public OwnerLimits {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(ownerName, "ownerName");
        budgets = List.copyOf(budgets);
        windows = List.copyOf(windows);
    }

    /** The budgets as they stand, given the account's counters by id; an unused budget shows no usage. */
    public List<CounterView> budgetViews(Map<String, CounterView> counters) {
        List<CounterView> views = new ArrayList<>(budgets.size());
        for (BudgetCharge budget : budgets) {
            CounterView view = counters.get(budget.counterId());
            views.add(view != null ? view : new CounterView(budget.counterId(), CounterKind.BUDGET, level, ownerId,
                    budget.spec().maxLimitNanos(), 0, 0, 0, Optional.empty(),
                    budget.spec().mode() == BudgetMode.HARD));
        }
        return views;
    }

    /** The windows as they stand, given the account's counters by id; an unused window shows no usage. */
    public List<CounterView> windowViews(Map<String, CounterView> counters) {
        List<CounterView> views = new ArrayList<>(windows.size());
        for (WindowCharge window : windows) {
            CounterView view = counters.get(window.counterId());
            views.add(view != null ? view : new CounterView(window.counterId(), window.kind(), level, ownerId,
                    window.limit(), 0, 0, 0, Optional.empty(), true));
        }
        return views;
    }
}
