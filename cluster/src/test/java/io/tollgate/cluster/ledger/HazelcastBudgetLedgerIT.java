package io.tollgate.cluster.ledger;

import io.tollgate.cluster.grid.Grid;
import io.tollgate.cluster.grid.GridSettings;
import io.tollgate.cluster.ledger.hazelcast.HazelcastBudgetLedger;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/** The ledger contract on a one-member grid. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HazelcastBudgetLedgerIT extends BudgetLedgerContract {

    private static Grid grid;

    @BeforeAll
    static void startGrid() {
        grid = Grid.start(GridSettings.local("t-" + UUID.randomUUID()), Map.of());
    }

    @AfterAll
    static void stopGrid() {
        if (grid != null) {
            grid.close();
        }
    }

    @Override
    protected BudgetLedger newLedger() {
        grid.instance().getMap(HazelcastBudgetLedger.MAP_NAME).clear();
        return HazelcastBudgetLedger.create(grid);
    }
}
