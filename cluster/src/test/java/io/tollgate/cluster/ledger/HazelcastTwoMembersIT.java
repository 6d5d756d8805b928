package io.tollgate.cluster.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.hazelcast.cluster.Member;
import io.tollgate.cluster.grid.Grid;
import io.tollgate.cluster.grid.GridSettings;
import io.tollgate.cluster.ledger.hazelcast.HazelcastBudgetLedger;
import io.tollgate.config.BudgetMode;
import io.tollgate.config.BudgetSpec;
import io.tollgate.config.LowBudgetAction;
import io.tollgate.config.ResetDuration;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two members in one JVM whose deserialization filter refuses everything (as a running Helidon server sets it):
 * every ledger step issued from the member that does not own the account must still work, which proves no command
 * or reply travels with Java serialization.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HazelcastTwoMembersIT {

    static {
        io.tollgate.cluster.testing.NodeSerialFilter.install();
    }

    private static final Duration TTL = Duration.ofMinutes(5);

    private static Grid first;
    private static Grid second;

    @BeforeAll
    static void startMembers() {
        String name = "t-" + UUID.randomUUID();
        first = Grid.start(GridSettings.local(name), Map.of());
        int port = first.instance().getCluster().getLocalMember().getAddress().getPort();
        second = Grid.start(new GridSettings(name, "127.0.0.1", 0, List.of("127.0.0.1:" + port)), Map.of());
    }

    @AfterAll
    static void stopMembers() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @BeforeEach
    @Timeout(value = 30, unit = TimeUnit.SECONDS) // the class's timeout covers tests, not this: never hang CI here
    void clearAccounts() {
        first.instance().getMap(HazelcastBudgetLedger.MAP_NAME).clear();
    }

    @Test
    void shouldRunInAJvmThatRefusesJavaDeserializationOfTollgateClasses() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new JavaSerialized("x"));
        }

        assertThatThrownBy(() -> new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject())
                .isInstanceOf(InvalidClassException.class);
        assertThat(first.instance().getCluster().getMembers()).hasSize(2);
        assertThat(second.instance().getCluster().getMembers()).hasSize(2);
    }

    /** A Tollgate class sent with Java serialization, which a node must never do. */
    private record JavaSerialized(String value) implements java.io.Serializable {
    }

    @Test
    void shouldAdmitExtendAndSettleFromTheMemberThatDoesNotOwnTheAccount() {
        String account = accountOwnedBy(second, "acct-");
        BudgetLedger local = HazelcastBudgetLedger.create(first);
        BudgetLedger owner = HazelcastBudgetLedger.create(second);
        Instant now = Instant.parse("2026-03-10T10:00:20Z");

        // the key budget pays the input and 750 of the 1000 output tokens, leaving 1 nano for the extension
        Admission admission = local.admit(request(account, "r1", now, 2_501));
        Admission extension = local.extend(account, "r1", 1, 20, now);
        List<CounterView> settled = local.settle(account, "r1", 2_501, 300, now);

        assertThat(admission).isInstanceOfSatisfying(Admission.Admitted.class, admitted -> {
            assertThat(admitted.clamped()).isTrue();
            assertThat(admitted.outputTokens()).isEqualTo(750);
            assertThat(admitted.reservedNanos()).isEqualTo(2_500);
            assertThat(admitted.reservedTokens()).isEqualTo(790);
            assertThat(admitted.counters()).hasSize(5);
        });
        assertThat(extension).isInstanceOfSatisfying(Admission.Admitted.class, admitted -> {
            assertThat(admitted.reservedNanos()).isEqualTo(2_501);
            assertThat(admitted.reservedTokens()).isEqualTo(810);
        });
        assertThat(settled).extracting(CounterView::counterId, CounterView::used, CounterView::reserved)
                .containsExactly(tuple("vk:vk_a:1d", 2_501L, 0L), tuple("cust:c1:1M", 2_501L, 0L),
                        tuple("team:t1:1d", 2_501L, 0L), tuple("vk:vk_a:tokens", 300L, 0L));
        assertThat(local.counters(account, now)).isEqualTo(owner.counters(account, now)).hasSize(5);
        Admission refused = local.admit(request(account, "r2", now, 2_501));
        assertThat(refused).isInstanceOfSatisfying(Admission.Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(Admission.Reason.BUDGET_EXCEEDED);
            assertThat(rejected.counter().counterId()).isEqualTo("vk:vk_a:1d");
            assertThat(rejected.retryAfter()).isEqualTo(Duration.ofHours(24));
        });
    }

    @Test
    void shouldMoveListAndReclaimAcrossMembers() {
        String from = accountOwnedBy(second, "from-");
        String to = accountOwnedBy(first, "to-");
        BudgetLedger ledger = HazelcastBudgetLedger.create(first);
        BudgetLedger other = HazelcastBudgetLedger.create(second);
        Instant now = Instant.parse("2026-03-10T10:00:20Z");
        assertThat(ledger.admit(request(from, "r1", now, 100_000))).isInstanceOf(Admission.Admitted.class);
        assertThat(ledger.admit(request(from, "r2", now, 100_000))).isInstanceOf(Admission.Admitted.class);

        ledger.move(from, to, List.of("vk:vk_a:1d", "vk:vk_a:requests", "vk:vk_a:tokens"), now);
        other.settle(from, "r1", 1_000, 100, now);
        int reclaimed = other.reclaimExpired(now.plus(TTL));

        assertThat(reclaimed).isEqualTo(2);
        assertThat(other.allCounters(now.plus(TTL)))
                .filteredOn(view -> view.counterId().equals("vk:vk_a:1d") || view.counterId().equals("team:t1:1d"))
                .extracting(CounterView::counterId, CounterView::used, CounterView::reserved)
                .containsExactlyInAnyOrder(tuple("vk:vk_a:1d", 1_000L, 0L), tuple("team:t1:1d", 1_000L, 0L));
        assertThat(ledger.counters(to, now)).extracting(CounterView::counterId)
                .containsExactly("vk:vk_a:1d", "vk:vk_a:requests", "vk:vk_a:tokens");
    }

    @Test
    void shouldLeaseFromTheMemberThatDoesNotOwnTheAccountAndChargeAnAbandonedLeaseInFull() {
        String account = accountOwnedBy(second, "lease-");
        BudgetLedger owner = HazelcastBudgetLedger.create(second);
        Instant now = Instant.parse("2026-03-10T10:00:20Z");
        io.tollgate.config.LeaseConfig config = new io.tollgate.config.LeaseConfig(true, 50, 10_000, 1_000);
        LeasingLedger node = LeasingLedger.manual(HazelcastBudgetLedger.create(first), config, () -> 2, () -> now);
        LeasingLedger dying = LeasingLedger.manual(HazelcastBudgetLedger.create(second), config, () -> 2, () -> now);

        for (int i = 0; i < 10; i++) {
            assertThat(node.admit(request(account, "n" + i, now, 1_000_000_000))).isInstanceOf(Admission.Admitted.class);
            node.settle(account, "n" + i, 2_000, 30, now);
            assertThat(dying.admit(request(account, "d" + i, now, 1_000_000_000))).isInstanceOf(Admission.Admitted.class);
            dying.settle(account, "d" + i, 1_000, 10, now);
        }
        node.close();
        CounterView held = owner.counters(account, now).stream()
                .filter(view -> view.counterId().equals("vk:vk_a:1d")).findFirst().orElseThrow();
        CounterView heldRequests = owner.counters(account, now).stream()
                .filter(view -> view.counterId().equals("vk:vk_a:requests")).findFirst().orElseThrow();
        int reclaimed = owner.reclaimExpired(now.plusMillis(config.ttlMs()));

        assertThat(reclaimed).as("the dying node's lease").isEqualTo(1);
        assertThat(owner.counters(account, now.plusMillis(config.ttlMs())))
                .filteredOn(view -> view.counterId().equals("vk:vk_a:1d") || view.counterId().equals("vk:vk_a:requests"))
                .extracting(CounterView::counterId, CounterView::used, CounterView::reserved)
                .as("the closed lease charged exactly, the abandoned one everything it held")
                .containsExactly(tuple("vk:vk_a:1d", 20_000L + (held.reserved() + held.leased()), 0L),
                        tuple("vk:vk_a:requests", 10L + (heldRequests.reserved() + heldRequests.leased()), 0L));
        assertThat((heldRequests.reserved() + heldRequests.leased())).as("min(32, (100 - 12) / (4 × 2))").isEqualTo(11);
    }

    private static String accountOwnedBy(Grid owner, String prefix) {
        Member target = owner.instance().getCluster().getLocalMember();
        for (int i = 0; i < 10_000; i++) {
            String key = prefix + UUID.randomUUID();
            if (target.equals(first.instance().getPartitionService().getPartition(key).getOwner())) {
                return key;
            }
        }
        throw new AssertionError("no key owned by " + target);
    }

    /**
     * A request on every level: a clamping key budget, a hard monthly customer budget in New York, a soft team
     * budget, a request window and a token window. The worst case is 1000 nanos of input plus 1000 output tokens at
     * 2 nanos each, 40 input tokens.
     */
    private static AdmissionRequest request(String account, String requestId, Instant now, long keyLimitNanos) {
        BudgetCharge key = new BudgetCharge("vk:vk_a:1d", Level.VIRTUAL_KEY, "vk_a", new BudgetSpec(
                BigDecimal.valueOf(keyLimitNanos, 9), ResetDuration.parse("1d"), false, ZoneId.of("UTC"),
                BudgetMode.HARD, LowBudgetAction.CLAMP));
        BudgetCharge customer = new BudgetCharge("cust:c1:1M", Level.CUSTOMER, "c1", new BudgetSpec(
                BigDecimal.ONE, ResetDuration.parse("1M"), true, ZoneId.of("America/New_York"), BudgetMode.HARD,
                LowBudgetAction.REJECT));
        BudgetCharge team = new BudgetCharge("team:t1:1d", Level.TEAM, "t1", new BudgetSpec(BigDecimal.ONE,
                ResetDuration.parse("1d"), false, ZoneId.of("UTC"), BudgetMode.SOFT, LowBudgetAction.REJECT));
        WindowCharge requests = new WindowCharge("vk:vk_a:requests", CounterKind.REQUESTS, Level.VIRTUAL_KEY, "vk_a",
                100, ResetDuration.parse("1m"));
        WindowCharge tokens = new WindowCharge("vk:vk_a:tokens", CounterKind.TOKENS, Level.VIRTUAL_KEY, "vk_a",
                100_000, ResetDuration.parse("1h"));
        return new AdmissionRequest(account, requestId, now, List.of(key, customer, team), List.of(requests, tokens),
                new WorstCase(1_000, 1_000, 2_000_000, 40), true, TTL);
    }
}
