package io.tollgate.node.alerts;

import io.tollgate.cluster.ledger.CounterView;
import java.util.Objects;

/**
 * A budget as the alerts see it: its counter and its owner's name.
 *
 * @param counter the budget's counter (id, level, owner id, limit, usage, next reset)
 * @param ownerName the customer's, team's or key's name
 */
public record BudgetState(CounterView counter, String ownerName) {
    public BudgetState {
        Objects.requireNonNull(counter, "counter");
        Objects.requireNonNull(ownerName, "ownerName");
    }
}
