package io.tollgate.cluster.ledger;

/** The ledger contract in memory. */
class InMemoryBudgetLedgerTest extends BudgetLedgerContract {

    @Override
    protected BudgetLedger newLedger() {
        return InMemoryBudgetLedger.create();
    }
}
