package io.tollgate.cluster.governance;

import java.util.Objects;
import java.util.Set;

/**
 * The ledger counters one owner holds, and the account they live on: what the management API reads to show an
 * owner's usage (filtering {@code BudgetLedger.counters(accountId, now)}) and what a usage reset resets.
 *
 * @param accountId the hierarchy's root the counters live on
 * @param counterIds the owner's counter ids (for a key: its own and its provider configs')
 */
public record OwnerCounters(String accountId, Set<String> counterIds) {

    public OwnerCounters {
        Objects.requireNonNull(accountId, "accountId");
        counterIds = Set.copyOf(counterIds);
    }
}
