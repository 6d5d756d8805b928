package io.tollgate.cluster.governance;

import static io.tollgate.cluster.governance.Fixtures.budget;
import static io.tollgate.cluster.governance.Fixtures.keyDraft;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.cluster.Address;
import io.tollgate.cluster.grid.Grid;
import io.tollgate.cluster.grid.GridSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two members in one JVM: a write on one reaches the other's local view through the grid's events. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TwoMemberIT {

    private static final Duration PROPAGATION = Duration.ofSeconds(10);
    private static Grid first;
    private static Grid second;
    private static HazelcastGovernanceRegistry writer;
    private static HazelcastGovernanceRegistry reader;

    @BeforeAll
    static void startMembers() {
        String cluster = "t-" + UUID.randomUUID();
        first = Grid.start(GridSettings.local(cluster), Map.of());
        Address address = first.instance().getCluster().getLocalMember().getAddress();
        second = Grid.start(new GridSettings(cluster, "127.0.0.1", 0,
                List.of(address.getHost() + ":" + address.getPort())), Map.of());
        Set<String> providers = Set.of("openai");
        MutableClock clock = new MutableClock(Fixtures.T0);
        writer = HazelcastGovernanceRegistry.create(first, new RecordingLedger(), clock, providers);
        reader = HazelcastGovernanceRegistry.create(second, new RecordingLedger(), clock, providers);
    }

    @AfterAll
    static void stopMembers() {
        writer.close();
        reader.close();
        second.close();
        first.close();
    }

    @Test
    void shouldFormOneCluster() {
        assertThat(second.instance().getCluster().getMembers()).hasSize(2);
    }

    @Test
    void shouldSeeKeysCreatedRotatedAndDeletedOnTheOtherMember() {
        CreatedKey created = writer.createKey(keyDraft("svc-" + UUID.randomUUID()));
        String value = created.value().reveal();
        await(() -> reader.keyByValue(value).isPresent());
        assertThat(reader.keyByValue(value)).contains(created.key());

        CreatedKey rotated = writer.rotate(created.key().id());
        await(() -> reader.keyByValue(rotated.value().reveal()).isPresent());
        assertThat(reader.keyByValue(value)).isEmpty();

        writer.deleteKey(created.key().id());
        await(() -> reader.key(created.key().id()).isEmpty());
        assertThat(reader.keyByValue(rotated.value().reveal())).isEmpty();
    }

    @Test
    void shouldHaveEveryChangeInForceOnTheOtherMemberBeforeTheWriteReturns() {
        // no waiting: the write returns only after every member re-read the definition into its local view
        CreatedKey created = writer.createKey(keyDraft("now-" + UUID.randomUUID()));
        assertThat(reader.keyByValue(created.value().reveal())).contains(created.key());
        CreatedKey rotated = writer.rotate(created.key().id());
        assertThat(reader.keyByValue(created.value().reveal())).isEmpty();
        assertThat(reader.keyByValue(rotated.value().reveal())).isPresent();
        VirtualKey disabled = writer.updateKey(created.key().id(), new VirtualKeyDraft(created.key().name(), false,
                Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty()));
        assertThat(reader.key(created.key().id())).contains(disabled);
        writer.deleteKey(created.key().id());
        assertThat(reader.key(created.key().id())).isEmpty();
    }

    @Test
    void shouldRecomputeCachedPathsWhenAnotherMemberChangesABudget() {
        Team team = writer.createTeam(new TeamDraft("team-" + UUID.randomUUID(), Optional.empty(),
                List.of(budget("10", "1d"))));
        VirtualKey key = writer.createKey(keyDraft("k-" + UUID.randomUUID(), Optional.of(team.id()),
                Optional.empty())).key();
        await(() -> reader.key(key.id()).isPresent() && reader.team(team.id()).isPresent());
        VirtualKey seen = reader.key(key.id()).orElseThrow();
        assertThat(reader.path(seen, "openai").budgets().getFirst().spec()).isEqualTo(budget("10", "1d"));

        writer.updateTeam(team.id(), new TeamDraft(team.name(), Optional.empty(), List.of(budget("25", "1d"))));

        await(() -> reader.path(seen, "openai").budgets().getFirst().spec().equals(budget("25", "1d")));
        assertThat(reader.path(seen, "openai").accountId()).isEqualTo(team.id());
    }

    @Test
    void shouldRefuseOnOneMemberANameTakenOnTheOther() {
        String name = "shared-" + UUID.randomUUID();
        writer.createCustomer(new CustomerDraft(name, List.of()));
        RegistryTestBase.assertError(() -> reader.createCustomer(new CustomerDraft(name, List.of())),
                GovernanceException.Kind.CONFLICT, "name", "name: a customer named '" + name + "' exists");
    }

    /** Polls the other member's view until the condition holds, for at most {@link #PROPAGATION}. */
    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + PROPAGATION.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not propagated within " + PROPAGATION);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
