package io.tollgate.cluster.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.config.BudgetMode;
import io.tollgate.config.BudgetSpec;
import io.tollgate.config.LowBudgetAction;
import io.tollgate.config.ResetDuration;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountStateFormatTest {

    private static final Instant NOW = Instant.parse("2026-03-10T10:00:00Z");
    private static final Duration TTL = Duration.ofMinutes(5);

    @Test
    void shouldReadBackEverythingItWrote() throws IOException {
        AccountState state = AccountState.create();
        state.admit(request("settled"));
        state.settle("settled", 100, 10, NOW);
        state.admit(request("reclaimed"));
        state.admit(request("moved"));
        state.admit(request("live"));
        state.reclaimExpired(NOW.plus(TTL).minusMillis(1));
        AccountState copy = roundTrip(state);
        Instant later = NOW.plusSeconds(1);

        assertThat(copy.counters(later)).isEqualTo(state.counters(later));
        assertThat(roundTrip(copy).counters(later)).isEqualTo(state.counters(later));
        assertThat(copy.admit(request("live"))).isEqualTo(state.admit(request("live")));
        assertThat(copy.settle("settled", 100, 10, later)).isEqualTo(state.settle("settled", 100, 10, later));
        assertThat(copy.reclaimExpired(NOW.plus(TTL))).isEqualTo(state.reclaimExpired(NOW.plus(TTL))).isEqualTo(3);
        assertThat(copy.settle("moved", 50, 5, later)).isEqualTo(state.settle("moved", 50, 5, later));
    }

    @Test
    void shouldKeepForwardsOfMovedRequests() throws IOException {
        AccountState state = AccountState.create();
        state.admit(request("r1"));
        AccountState moved = roundTrip(state.detach(List.of("vk:vk_a:1d"), "elsewhere", NOW));

        AccountAnswer<List<CounterView>> answer = roundTrip(state).settle("r1", 10, 1, NOW);

        assertThat(answer.forwardTo()).contains("elsewhere");
        assertThat(moved.counters(NOW)).extracting(CounterView::counterId).containsExactly("vk:vk_a:1d");
    }

    @Test
    void shouldRefuseAnUnknownFormatVersion() {
        byte[] bytes = {9, 0, 0, 0, 0};

        assertThatThrownBy(() -> AccountState.readFrom(new DataInputStream(new ByteArrayInputStream(bytes))))
                .isInstanceOf(IOException.class)
                .hasMessage("unknown account state format version 9, this node reads 1 to 2");
    }

    @Test
    void shouldReadTheFirstFormatWhichKnewNoLeases() throws IOException {
        AccountState current = AccountState.create();
        current.admit(request("r1"));
        List<CounterView> counters = current.counters(NOW);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(1);
        out.writeInt(current.counters.size());
        for (Counter counter : current.counters.values()) {
            counter.writeTo(out);
        }
        out.writeInt(1); // one reservation, written as version 1 did: without the lease fields
        Reservation r1 = current.reservations.get("r1");
        out.writeUTF("r1");
        out.writeLong(r1.ttl);
        out.writeLong(r1.expiresAt);
        out.writeLong(r1.nanos);
        out.writeLong(r1.tokens);
        out.writeLong(r1.outputTokens);
        out.writeBoolean(r1.clamped);
        Reservation.writeIds(out, r1.hardBudgets);
        Reservation.writeIds(out, r1.softBudgets);
        Reservation.writeIds(out, r1.tokenWindows);
        out.writeInt(0);
        out.writeInt(1); // one tombstone, without the charged-in-full flag
        out.writeUTF("gone");
        Reservation.writeIds(out, List.of("vk:vk_a:1d"));
        Reservation.writeIds(out, List.of());
        out.writeLong(TTL.toMillis());
        out.writeLong(NOW.plus(TTL).toEpochMilli());
        out.writeInt(0);

        AccountState read = AccountState.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        assertThat(read.counters(NOW)).isEqualTo(counters);
        assertThat(read.settle("r1", 100, 10, NOW).answer()).isEqualTo(current.settle("r1", 100, 10, NOW).answer());
        assertThat(read.settle("gone", 7, 0, NOW).answer()).filteredOn(v -> v.counterId().equals("vk:vk_a:1d"))
                .extracting(CounterView::used).containsExactly(107L);
    }

    private static AccountState roundTrip(AccountState state) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        state.writeTo(new DataOutputStream(bytes));
        return AccountState.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    }

    private static AdmissionRequest request(String requestId) {
        BudgetCharge key = new BudgetCharge("vk:vk_a:1d", Level.VIRTUAL_KEY, "vk_a",
                BudgetSpec.of(BigDecimal.ONE, ResetDuration.parse("1d")));
        BudgetCharge team = new BudgetCharge("team:t1:1M", Level.TEAM, "t1", new BudgetSpec(BigDecimal.TEN,
                ResetDuration.parse("1M"), true, ZoneId.of("Europe/Paris"), BudgetMode.SOFT, LowBudgetAction.REJECT));
        WindowCharge tokens = new WindowCharge("vk:vk_a:tokens", CounterKind.TOKENS, Level.VIRTUAL_KEY, "vk_a",
                10_000, ResetDuration.parse("1h"));
        return new AdmissionRequest("acct", requestId, NOW, List.of(key, team), List.of(tokens),
                new WorstCase(100, 20, 1_000_000, 10), false, TTL);
    }
}
