package io.tollgate.cluster.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.cluster.governance.GovernanceException.Kind;
import io.tollgate.cluster.grid.Grid;
import io.tollgate.cluster.grid.GridSettings;
import io.tollgate.config.CustomerSeed;
import io.tollgate.config.GovernanceConfig;
import io.tollgate.config.Secret;
import io.tollgate.config.TeamSeed;
import io.tollgate.config.VirtualKeySeed;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/** A one-member grid per test class (a unique cluster name) and a fresh registry over empty maps per test. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class RegistryTestBase {

    static final Set<String> PROVIDERS = Set.of("openai", "anthropic");
    static Grid grid;

    final RecordingLedger ledger = new RecordingLedger();
    final MutableClock clock = new MutableClock(Fixtures.T0);
    HazelcastGovernanceRegistry registry;

    @BeforeAll
    static void startGrid() {
        grid = Grid.start(GridSettings.local("t-" + UUID.randomUUID()), Map.of());
    }

    @AfterAll
    static void stopGrid() {
        grid.close();
    }

    @BeforeEach
    void startRegistry() {
        for (String map : List.of(HazelcastGovernanceRegistry.CUSTOMERS_MAP, HazelcastGovernanceRegistry.TEAMS_MAP,
                HazelcastGovernanceRegistry.KEYS_MAP, HazelcastGovernanceRegistry.NAMES_MAP)) {
            grid.instance().getMap(map).clear();
        }
        registry = HazelcastGovernanceRegistry.create(grid, ledger, clock, PROVIDERS);
    }

    @AfterEach
    void closeRegistry() {
        registry.close();
    }

    static VirtualKeyDraft withTeam(VirtualKeyDraft draft, String teamId) {
        return new VirtualKeyDraft(draft.name(), draft.active(), draft.expiresAt(), Optional.of(teamId),
                Optional.empty(), draft.providerConfigs(), draft.budgets(), draft.rateLimit(), draft.fallbacks());
    }

    static GovernanceConfig seeds(List<CustomerSeed> customers, List<TeamSeed> teams, List<VirtualKeySeed> keys) {
        return new GovernanceConfig(true, 1024, GovernanceConfig.StateUnavailable.CLOSED, 900_000,
                io.tollgate.config.LeaseConfig.DEFAULT, customers, teams, keys);
    }

    static VirtualKeySeed keySeed(String name, String value, Optional<String> team) {
        return new VirtualKeySeed(name, new Secret(value), true, Optional.empty(), team, Optional.empty(), List.of(),
                List.of(), Optional.empty(), List.of());
    }

    static void assertError(ThrowingCallable call, Kind kind, String field, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(GovernanceException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.field()).isEqualTo(field);
        }).hasMessage(message);
    }
}
