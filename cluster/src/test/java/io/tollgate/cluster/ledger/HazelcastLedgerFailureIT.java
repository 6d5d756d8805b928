package io.tollgate.cluster.ledger;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.map.MapStore;
import io.tollgate.cluster.grid.Grid;
import io.tollgate.cluster.grid.GridSettings;
import io.tollgate.cluster.ledger.hazelcast.HazelcastBudgetLedger;
import io.tollgate.config.BudgetSpec;
import io.tollgate.config.ResetDuration;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Grid and store failures surface as {@link LedgerUnavailableException}. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HazelcastLedgerFailureIT {

    private static final Instant NOW = Instant.parse("2026-03-10T10:00:00Z");

    @Test
    void shouldReportUnavailableWhenTheMemberHasStopped() {
        Grid grid = Grid.start(GridSettings.local("t-" + UUID.randomUUID()), Map.of());
        BudgetLedger ledger = HazelcastBudgetLedger.create(grid);
        grid.close();

        assertThatThrownBy(() -> ledger.admit(request()))
                .isInstanceOf(LedgerUnavailableException.class)
                .hasMessageContaining("budget ledger unavailable: admitting request 'r1' on account 'acct_1'");
        assertThatThrownBy(() -> ledger.reclaimExpired(NOW))
                .isInstanceOf(LedgerUnavailableException.class)
                .hasMessageContaining("reclaiming expired reservations");
    }

    @Test
    void shouldReportUnavailableWhenTheStoreFails() {
        Map<String, MapStore<String, ?>> stores = Map.of(HazelcastBudgetLedger.MAP_NAME, new FailingStore());
        try (Grid grid = Grid.start(GridSettings.local("t-" + UUID.randomUUID()), stores)) {
            BudgetLedger ledger = HazelcastBudgetLedger.create(grid);

            assertThatThrownBy(() -> ledger.admit(request()))
                    .isInstanceOf(LedgerUnavailableException.class)
                    .hasMessageContaining("account 'acct_1'")
                    .hasMessageContaining("database down");
        }
    }

    private static AdmissionRequest request() {
        BudgetCharge key = new BudgetCharge("vk:vk_a:1d", Level.VIRTUAL_KEY, "vk_a",
                BudgetSpec.of(BigDecimal.ONE, ResetDuration.parse("1d")));
        return new AdmissionRequest("acct_1", "r1", NOW, List.of(key), List.of(), new WorstCase(100, 0, 0, 0), false,
                Duration.ofMinutes(5));
    }

    /** A store whose database is down for writes. */
    private static final class FailingStore implements MapStore<String, AccountState> {

        @Override
        public void store(String key, AccountState value) {
            throw new IllegalStateException("database down");
        }

        @Override
        public void storeAll(Map<String, AccountState> map) {
            throw new IllegalStateException("database down");
        }

        @Override
        public void delete(String key) {
            throw new IllegalStateException("database down");
        }

        @Override
        public void deleteAll(Collection<String> keys) {
            throw new IllegalStateException("database down");
        }

        @Override
        public AccountState load(String key) {
            return null;
        }

        @Override
        public Map<String, AccountState> loadAll(Collection<String> keys) {
            return Map.of();
        }

        @Override
        public Iterable<String> loadAllKeys() {
            return Set.of();
        }
    }
}
