package io.tollgate.cluster.ledger;

import static io.tollgate.cluster.ledger.BudgetLedgerContract.at;
import static io.tollgate.cluster.ledger.BudgetLedgerContract.keyBudget;
import static io.tollgate.cluster.ledger.BudgetLedgerContract.requestWindow;
import static io.tollgate.cluster.ledger.BudgetLedgerContract.teamBudget;
import static io.tollgate.cluster.ledger.BudgetLedgerContract.tokenWindow;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A lease's steps on one account: sizing, charging, closing, expiry, moves. */
class LeasesTest {

    private static final String ACCOUNT = "cust_1";
    private static final Duration TTL = Duration.ofSeconds(10);
    private static final LeaseAmounts ONE_REQUEST = new LeaseAmounts(1_000, 100, 1);

    private final AccountState state = AccountState.create();
    private Instant now = at("2026-03-10T10:00:20Z");
    private List<BudgetCharge> budgets = List.of(keyBudget("vk_a", 1_000_000));
    private List<WindowCharge> windows = List.of(requestWindow(1_000), tokenWindow(1_000_000));

    @Test
    void shouldOpenALeaseOfAtMostThirtyTwoWorstCasesHeldOnEveryCounter() {
        LeaseGrant grant = step("l1", 1, LeaseAmounts.ZERO, LeaseAmounts.ZERO, ONE_REQUEST, 2);

        assertThat(grant.live()).isTrue();
        assertThat(grant.tight()).isFalse();
        // requests: min(32, 1000 / (4 × 2) = 125) = 32; nanos: min(32 000, 1 000 000 / 8) = 32 000
        assertThat(grant.hold()).isEqualTo(new LeaseAmounts(32_000, 3_200, 32));
        assertThat(view("vk:vk_a:1d")).as("held, all of it free: leased, not reserved by requests")
                .extracting(CounterView::reserved, CounterView::leased).containsExactly(0L, 32_000L);
        assertThat(view("vk:vk_a:requests").leased()).isEqualTo(32);
        assertThat(view("vk:vk_a:tokens").leased()).isEqualTo(3_200);
    }

    @Test
    void shouldTakeOnlyAShareOfTheRoomLeftPerMember() {
        budgets = List.of(keyBudget("vk_a", 100_000));

        LeaseGrant grant = step("l1", 1, LeaseAmounts.ZERO, LeaseAmounts.ZERO, ONE_REQUEST, 3);

        assertThat(grant.hold().nanos()).as("100 000 / (4 × 3)").isEqualTo(8_333);
    }

    @Test
    void shouldBeTightAndHoldOnlyWhatIsInFlightWhenTheShareIsUnderTwoWorstCases() {
        budgets = List.of(keyBudget("vk_a", 7_000));

        LeaseGrant grant = step("l1", 1, LeaseAmounts.ZERO, LeaseAmounts.ZERO, ONE_REQUEST, 1);

        assertThat(grant.tight()).as("7 000 / 4 = 1 750 < 2 × 1 000").isTrue();
        assertThat(grant.live()).as("nothing held, nothing kept: closed").isFalse();
        assertThat(view("vk:vk_a:1d")).extracting(CounterView::reserved, CounterView::leased)
                .containsExactly(0L, 0L);
    }

    @Test
    void shouldChargeTheSpendThenResizeAroundWhatIsInFlight() {
        step("l1", 1, LeaseAmounts.ZERO, LeaseAmounts.ZERO, ONE_REQUEST, 1);

        LeaseGrant grant = step("l1", 2, new LeaseAmounts(5_000, 300, 7), new LeaseAmounts(2_000, 200, 0),
                ONE_REQUEST, 1);

        assertThat(view("vk:vk_a:1d").used()).isEqualTo(5_000);
        assertThat(view("vk:vk_a:requests").used()).isEqualTo(7);
        assertThat(view("vk:vk_a:tokens").used()).isEqualTo(300);
        assertThat(grant.hold()).isEqualTo(new LeaseAmounts(2_000 + 32_000, 200 + 3_200, 32));
        assertThat(view("vk:vk_a:1d")).as("the requests in flight, and the free part")
                .extracting(CounterView::reserved, CounterView::leased).containsExactly(2_000L, 32_000L);
        assertThat(view("vk:vk_a:requests").leased()).isEqualTo(32);
    }

    @Test
    void shouldChangeNothingWhenAStepIsSentAgain() {
        step("l1", 1, LeaseAmounts.ZERO, LeaseAmounts.ZERO, ONE_REQUEST, 1);
        LeaseAmounts spent = new LeaseAmounts(5_000, 0, 3);
        LeaseGrant first = step("l1", 2, spent, LeaseAmounts.ZERO, ONE_REQUEST, 1);

        LeaseGrant again = step("l1", 2, spent, LeaseAmounts.ZERO, ONE_REQUEST, 1);

        assertThat(again.hold()).isEqualTo(first.hold());
        assertThat(view("vk:vk_a:1d").used()).isEqualTo(5_000);
        assertThat(view("vk:vk_a:requests").used()).isEqualTo(3);
    }

    @Test
    void shouldNeverGrowPastWhatIsAvailable() {
        budgets = List.of(keyBudget("vk_a", 1_000_000));
        step("other", 1, LeaseAmounts.ZERO, LeaseAmounts.ZERO, new LeaseAmounts(100_000, 0, 0), 1);
        // the other lease holds min(32 × 100 000, 1 000 000 / 4) = 250 000

        LeaseGrant grant = step("l1", 1, LeaseAmounts.ZERO, LeaseAmounts.ZERO, new LeaseAmounts(40_000, 0, 0), 1);

        assertThat(grant.hold().nanos()).as("min(32 × 40 000, 750 000 / 4)").isEqualTo(187_500);
        LeaseGrant extension = step("l1", 2, LeaseAmounts.ZERO, new LeaseAmounts(900_000, 0, 0),
                LeaseAmounts.ZERO, 1);
        assertThat(extension.hold().nanos()).as("all that is left, not the 900 000 asked").isEqualTo(750_000);
        assertThat(view("vk:vk_a:1d")).as("kept for requests in flight: 750 000; the other lease's free part")
                .extracting(CounterView::reserved, CounterView::leased).containsExactly(750_000L, 250_000L);
    }

    @Test
    void shouldCloseWhenNothingIsNeededOrKeptAndChargeNothingWhenTheClosingStepComesAgain() {
        step("l1", 1, LeaseAmounts.ZERO, LeaseAmounts.ZERO, ONE_REQUEST, 1);
        LeaseAmounts spent = new LeaseAmounts(4_000, 40, 4);

        LeaseGrant closed = step("l1", 2, spent, LeaseAmounts.ZERO, LeaseAmounts.ZERO, 1);
        LeaseGrant again = step("l1", 2, spent, LeaseAmounts.ZERO, LeaseAmounts.ZERO, 1);

        assertThat(closed.live()).isFalse();
        assertThat(again.live()).isFalse();
        assertThat(view("vk:vk_a:1d")).extracting(CounterView::used, CounterView::reserved)
                .containsExactly(4_000L, 0L);
        assertThat(view("vk:vk_a:requests")).extracting(CounterView::used, CounterView::reserved)
                .containsExactly(4L, 0L);
    }

    @Test
    void shouldChargeAnExpiredLeaseInFullThenReplaceTheChargeWithWhatItsNodeReportsLate() {
        step("l1", 1, LeaseAmounts.ZERO, LeaseAmounts.ZERO, ONE_REQUEST, 1);
        now = now.plus(TTL);

        assertThat(state.reclaimExpired(now)).isEqualTo(1);

        assertThat(view("vk:vk_a:1d")).extracting(CounterView::used, CounterView::reserved, CounterView::leased)
                .containsExactly(32_000L, 0L, 0L);
        assertThat(view("vk:vk_a:requests").used()).isEqualTo(32);
        assertThat(view("vk:vk_a:tokens").used()).isEqualTo(3_200);
        LeaseGrant late = step("l1", 2, new LeaseAmounts(9_000, 90, 9), new LeaseAmounts(1_000, 10, 0), ONE_REQUEST,
                1);
        assertThat(late.live()).isFalse();
        assertThat(view("vk:vk_a:1d").used()).as("a request still in flight: the full charge stands").isEqualTo(32_000);

        step("l1", 3, new LeaseAmounts(800, 8, 0), LeaseAmounts.ZERO, LeaseAmounts.ZERO, 1);
        step("l1", 3, new LeaseAmounts(800, 8, 0), LeaseAmounts.ZERO, LeaseAmounts.ZERO, 1);

        assertThat(view("vk:vk_a:1d").used()).as("what the node reports, once").isEqualTo(9_800);
        assertThat(view("vk:vk_a:tokens").used()).isEqualTo(98);
        assertThat(view("vk:vk_a:requests").used()).isEqualTo(9);
        step("l1", 4, new LeaseAmounts(5, 0, 0), LeaseAmounts.ZERO, LeaseAmounts.ZERO, 1);
        assertThat(view("vk:vk_a:1d").used()).as("reported and done: nothing more").isEqualTo(9_800);
    }

    @Test
    void shouldNotRefundALaterPeriodWhenTheReportComesAfterTheReset() {
        budgets = List.of(BudgetLedgerContract.budget("vk:vk_a:1h", Level.VIRTUAL_KEY, "vk_a",
                BudgetLedgerContract.alignedHard(1_000_000, "1h", java.time.ZoneOffset.UTC)));
        windows = List.of();
        step("l1", 1, LeaseAmounts.ZERO, LeaseAmounts.ZERO, ONE_REQUEST, 1);
        now = now.plus(TTL);
        state.reclaimExpired(now);
        now = now.plus(Duration.ofHours(1));

        step("l1", 2, new LeaseAmounts(4_000, 0, 0), LeaseAmounts.ZERO, LeaseAmounts.ZERO, 1);

        assertThat(view("vk:vk_a:1h").used()).as("the new hour owes nothing back, and is not lowered").isZero();
    }

    @Test
    void shouldSurviveTheBinaryFormatAndStillBeChargedInFullOnExpiry() {
        step("l1", 1, LeaseAmounts.ZERO, LeaseAmounts.ZERO, ONE_REQUEST, 1);

        AccountState copy = state.copy();
        copy.reclaimExpired(now.plus(TTL));

        assertThat(copy.counters(now.plus(TTL))).filteredOn(v -> v.counterId().equals("vk:vk_a:requests"))
                .extracting(CounterView::used).containsExactly(32L);
        assertThat(copy.lease(request("l1", 2, new LeaseAmounts(1, 1, 1), LeaseAmounts.ZERO, ONE_REQUEST, 1))
                .answer().live()).isFalse();
    }

    @Test
    void shouldChargeTheSpendOfALeaseTheAccountNoLongerKnows() {
        LeaseGrant grant = step("forgotten", 7, new LeaseAmounts(3_000, 30, 3), LeaseAmounts.ZERO, ONE_REQUEST, 1);

        assertThat(grant.live()).isFalse();
        assertThat(view("vk:vk_a:1d").used()).isEqualTo(3_000);
        assertThat(view("vk:vk_a:requests").used()).isEqualTo(3);
    }

    @Test
    void shouldChargeBothAccountsWhenSomeOfTheLeasesCountersMoved() {
        InMemoryBudgetLedger ledger = InMemoryBudgetLedger.create();
        budgets = List.of(keyBudget("vk_a", 1_000_000), teamBudget(1_000_000));
        windows = List.of();
        ledger.lease(request("l1", 1, LeaseAmounts.ZERO, LeaseAmounts.ZERO, ONE_REQUEST, 1));

        ledger.move(ACCOUNT, "team_account", List.of("team:t1:1d"), now);
        LeaseGrant grant = ledger.lease(request("l1", 2, new LeaseAmounts(5_000, 0, 0), LeaseAmounts.ZERO,
                ONE_REQUEST, 1));

        assertThat(grant.live()).as("a moved lease ends; the node opens a new one").isFalse();
        assertThat(ledger.counters(ACCOUNT, now)).singleElement()
                .extracting(CounterView::used, CounterView::reserved).containsExactly(5_000L, 0L);
        assertThat(ledger.counters("team_account", now)).singleElement()
                .extracting(CounterView::used, CounterView::reserved).containsExactly(5_000L, 0L);
    }

    private LeaseGrant step(String id, long seq, LeaseAmounts spent, LeaseAmounts keep, LeaseAmounts need,
                            int members) {
        return state.lease(request(id, seq, spent, keep, need, members)).answer();
    }

    private LeaseRequest request(String id, long seq, LeaseAmounts spent, LeaseAmounts keep, LeaseAmounts need,
                                 int members) {
        return new LeaseRequest(ACCOUNT, id, seq, now, budgets, windows, spent, keep, keep, need, 32, members, TTL);
    }

    private CounterView view(String id) {
        return state.counters(now).stream().filter(v -> v.counterId().equals(id)).findFirst().orElseThrow();
    }
}
