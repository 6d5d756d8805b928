package io.tollgate.cluster.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.tollgate.config.BudgetMode;
import io.tollgate.config.BudgetSpec;
import io.tollgate.config.LowBudgetAction;
import io.tollgate.config.ResetDuration;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BudgetLedger} must do. Amounts are nano-dollars; time moves by hand. Subclasses give a fresh,
 * empty ledger per test.
 */
abstract class BudgetLedgerContract {

    static final String ACCOUNT = "cust_1";
    static final Duration TTL = Duration.ofMinutes(5);

    BudgetLedger ledger;
    Instant now = at("2026-03-10T10:00:20Z");

    /** A new empty ledger. */
    protected abstract BudgetLedger newLedger();

    @BeforeEach
    void createLedger() {
        ledger = newLedger();
    }

    // ---- all or nothing across levels

    @Test
    void shouldReserveTheWorstCaseOnEveryHardBudgetOfThePath() {
        Admission admission = admit("r1", 300, keyBudget("vk_a", 1_000), teamBudget(5_000), customerBudget(10_000));

        assertThat(admission).isInstanceOfSatisfying(Admission.Admitted.class, admitted -> {
            assertThat(admitted.reservedNanos()).isEqualTo(300);
            assertThat(admitted.clamped()).isFalse();
            assertThat(admitted.counters()).extracting(CounterView::counterId)
                    .containsExactly("vk:vk_a:1d", "team:t1:1d", "cust:c1:1d");
        });
        assertThat(counters()).extracting(CounterView::reserved).containsOnly(300L);
        assertThat(counters()).extracting(CounterView::used).containsOnly(0L);
    }

    @Test
    void shouldRecordAForcedAdmissionWhateverTheLimitsAndChargeItsSettlement() {
        spend("a1", 900, keyBudget("vk_a", 1_000));
        AdmissionRequest forced = new AdmissionRequest(ACCOUNT, "late-1", now, List.of(keyBudget("vk_a", 1_000)),
                List.of(requestWindow(1)), new WorstCase(0, 0, 0, 0), false, TTL, true);

        assertThat(ledger.admit(forced)).isInstanceOf(Admission.Admitted.class);
        assertThat(ledger.admit(forced)).as("idempotent while unsettled").isInstanceOf(Admission.Admitted.class);
        ledger.settle(ACCOUNT, "late-1", 500, 7, now);
        ledger.settle(ACCOUNT, "late-1", 500, 7, now);

        assertThat(counter("vk:vk_a:1d")).extracting(CounterView::used, CounterView::reserved)
                .containsExactly(1_400L, 0L);
        assertThat(counter("vk:vk_a:requests").used()).isEqualTo(1);
    }

    @Test
    void shouldRejectBothKeysOnceTheirSharedTeamBudgetIsSpent() {
        spend("a1", 600, keyBudget("vk_a", 1_000), teamBudget(1_000));
        spend("b1", 300, keyBudget("vk_b", 1_000), teamBudget(1_000));

        Admission keyA = admit("a2", 200, keyBudget("vk_a", 1_000), teamBudget(1_000));
        Admission keyB = admit("b2", 200, keyBudget("vk_b", 1_000), teamBudget(1_000));

        assertRejected(keyA, Admission.Reason.BUDGET_EXCEEDED, "team:t1:1d");
        assertRejected(keyB, Admission.Reason.BUDGET_EXCEEDED, "team:t1:1d");
        assertThat(counter("vk:vk_a:1d")).extracting(CounterView::used, CounterView::reserved).containsExactly(600L, 0L);
        assertThat(counter("vk:vk_b:1d")).extracting(CounterView::used, CounterView::reserved).containsExactly(300L, 0L);
        assertThat(counter("team:t1:1d")).extracting(CounterView::used, CounterView::reserved).containsExactly(900L, 0L);
    }

    @Test
    void shouldCapEveryTeamAtItsCustomerBudget() {
        assertThat(admit("r1", 400, keyBudget("vk_a", 10_000), teamBudget(10_000), customerBudget(500)))
                .isInstanceOf(Admission.Admitted.class);

        Admission second = admit("r2", 200, keyBudget("vk_a", 10_000), teamBudget(10_000), customerBudget(500));

        assertRejected(second, Admission.Reason.BUDGET_EXCEEDED, "cust:c1:1d");
        assertThat(counters()).extracting(CounterView::reserved).containsOnly(400L);
    }

    @Test
    void shouldBlockOnlyTheRequestsThatCarryAProviderConfigBudget() {
        BudgetCharge openai = budget("pc:vk_a/openai:1d", Level.PROVIDER_CONFIG, "vk_a/openai", hard(100, "1d"));

        Admission viaOpenai = admit("r1", 150, openai, keyBudget("vk_a", 10_000));
        Admission viaAnthropic = admit("r2", 150, keyBudget("vk_a", 10_000));

        assertRejected(viaOpenai, Admission.Reason.BUDGET_EXCEEDED, "pc:vk_a/openai:1d");
        assertThat(viaAnthropic).isInstanceOf(Admission.Admitted.class);
        assertThat(counter("vk:vk_a:1d").reserved()).isEqualTo(150);
    }

    @Test
    void shouldChangeNothingWhenAnyLevelRefuses() {
        WindowCharge requests = requestWindow(10);
        WindowCharge tokens = tokenWindow(10_000);
        spend("r1", 900, keyBudget("vk_a", 10_000), teamBudget(1_000));
        List<CounterView> before = counters();

        Admission refused = ledger.admit(request("r2", new WorstCase(200, 10, 1_000_000, 50),
                List.of(keyBudget("vk_a", 10_000), teamBudget(1_000)), List.of(requests, tokens), false));

        assertRejected(refused, Admission.Reason.BUDGET_EXCEEDED, "team:t1:1d");
        assertThat(counters()).isEqualTo(before);
    }

    // ---- hard and soft

    @Test
    void shouldHoldAHardCapExactly() {
        BudgetCharge daily = budget("vk:vk_a:1d", Level.VIRTUAL_KEY, "vk_a", alignedHard(1_000, "1d", ZoneOffset.UTC));
        assertThat(List.of(admit("r1", 300, daily), admit("r2", 300, daily), admit("r3", 300, daily)))
                .allMatch(Admission.Admitted.class::isInstance);

        Admission fourth = admit("r4", 300, daily);

        assertRejected(fourth, Admission.Reason.BUDGET_EXCEEDED, "vk:vk_a:1d");
        assertThat(((Admission.Rejected) fourth).retryAfter()).isEqualTo(Duration.ofHours(14).minusSeconds(20));
        ledger.settle(ACCOUNT, "r1", 250, 0, now);
        ledger.settle(ACCOUNT, "r2", 300, 0, now);
        ledger.settle(ACCOUNT, "r3", 300, 0, now);
        assertThat(admit("r5", 150, daily)).isInstanceOf(Admission.Admitted.class);
        assertRejected(admit("r6", 1, daily), Admission.Reason.BUDGET_EXCEEDED, "vk:vk_a:1d");
        assertThat(counter("vk:vk_a:1d")).extracting(CounterView::used, CounterView::reserved, CounterView::remaining)
                .containsExactly(850L, 150L, 0L);
    }

    @Test
    void shouldLetASoftBudgetOvershootAfterTheFact() {
        BudgetCharge soft = budget("vk:vk_a:1d", Level.VIRTUAL_KEY, "vk_a", spec(1_000, "1d", false, ZoneOffset.UTC,
                BudgetMode.SOFT, LowBudgetAction.REJECT));
        spend("r0", 900, soft);

        Admission admission = admit("r1", 5_000, soft);
        ledger.settle(ACCOUNT, "r1", 1_200, 0, now);

        assertThat(admission).isInstanceOfSatisfying(Admission.Admitted.class,
                admitted -> assertThat(admitted.reservedNanos()).isZero());
        assertThat(counter("vk:vk_a:1d")).extracting(CounterView::used, CounterView::reserved, CounterView::hard)
                .containsExactly(2_100L, 0L, false);
        assertRejected(admit("r2", 1, soft), Admission.Reason.BUDGET_EXCEEDED, "vk:vk_a:1d");
    }

    @Test
    void shouldTakeTheLatestSpecOfABudget() {
        assertRejected(admit("r1", 150, keyBudget("vk_a", 100)), Admission.Reason.BUDGET_EXCEEDED, "vk:vk_a:1d");

        Admission raised = admit("r2", 150, keyBudget("vk_a", 200));

        assertThat(raised).isInstanceOf(Admission.Admitted.class);
        assertThat(counter("vk:vk_a:1d").limit()).isEqualTo(200);
    }

    // ---- clamp

    @Test
    void shouldClampTheOutputAllowanceToWhatTheBudgetCanPay() {
        // input 1000 nanos + 1000 output tokens at 2 nanos each = 3000; 2001 pays the input and 500 tokens
        BudgetCharge clamping = budget("vk:vk_a:1d", Level.VIRTUAL_KEY, "vk_a", clamp(2_001));
        BudgetCharge roomy = budget("team:t1:1d", Level.TEAM, "t1", hard(2_500, "1d"));

        Admission admission = ledger.admit(request("r1", new WorstCase(1_000, 1_000, 2_000_000, 40),
                List.of(clamping, roomy), List.of(tokenWindow(10_000)), true));

        assertThat(admission).isInstanceOfSatisfying(Admission.Admitted.class, admitted -> {
            assertThat(admitted.clamped()).isTrue();
            assertThat(admitted.outputTokens()).isEqualTo(500);
            assertThat(admitted.reservedNanos()).isEqualTo(2_000);
            assertThat(admitted.reservedTokens()).isEqualTo(540);
        });
        assertThat(counter("team:t1:1d").reserved()).isEqualTo(2_000);
        assertThat(counter("vk:vk_a:tokens").reserved()).isEqualTo(540);
    }

    @Test
    void shouldNotClampWhenTheRequestDoesNotAllowIt() {
        BudgetCharge clamping = budget("vk:vk_a:1d", Level.VIRTUAL_KEY, "vk_a", clamp(2_001));

        Admission streaming = ledger.admit(request("r1", new WorstCase(1_000, 1_000, 2_000_000, 0),
                List.of(clamping), List.of(), false));

        assertRejected(streaming, Admission.Reason.BUDGET_EXCEEDED, "vk:vk_a:1d");
    }

    @Test
    void shouldRejectWhenAClampingBudgetCannotPayOneOutputToken() {
        BudgetCharge clamping = budget("vk:vk_a:1d", Level.VIRTUAL_KEY, "vk_a", clamp(1_001));

        Admission admission = ledger.admit(request("r1", new WorstCase(1_000, 1_000, 2_000_000, 0),
                List.of(clamping), List.of(), true));

        assertRejected(admission, Admission.Reason.BUDGET_EXCEEDED, "vk:vk_a:1d");
        assertThat(find("vk:vk_a:1d")).isEmpty();
    }

    @Test
    void shouldRejectWhenARejectingBudgetCannotPayTheClampedWorstCase() {
        BudgetCharge clamping = budget("vk:vk_a:1d", Level.VIRTUAL_KEY, "vk_a", clamp(2_001));
        BudgetCharge rejecting = budget("team:t1:1d", Level.TEAM, "t1", hard(1_500, "1d"));

        Admission admission = ledger.admit(request("r1", new WorstCase(1_000, 1_000, 2_000_000, 0),
                List.of(clamping, rejecting), List.of(), true));

        assertRejected(admission, Admission.Reason.BUDGET_EXCEEDED, "team:t1:1d");
    }

    // ---- windows

    @Test
    void shouldAcceptExactlyNRequestsPerWindowThenWaitForItsEnd() {
        WindowCharge window = requestWindow(3);
        for (String id : List.of("r1", "r2", "r3")) {
            assertThat(admitWindows(id, 0, window)).isInstanceOf(Admission.Admitted.class);
        }

        Admission fourth = admitWindows("r4", 0, window);
        now = at("2026-03-10T10:00:59.999Z");
        Admission stillFull = admitWindows("r5", 0, window);
        now = at("2026-03-10T10:01:00Z");
        Admission atBoundary = admitWindows("r6", 0, window);

        assertRejected(fourth, Admission.Reason.REQUEST_LIMITED, "vk:vk_a:requests");
        assertThat(((Admission.Rejected) fourth).retryAfter()).isEqualTo(Duration.ofSeconds(40));
        assertThat(((Admission.Rejected) fourth).counter().used()).isEqualTo(3);
        assertRejected(stillFull, Admission.Reason.REQUEST_LIMITED, "vk:vk_a:requests");
        assertThat(atBoundary).isInstanceOf(Admission.Admitted.class);
        assertThat(counter("vk:vk_a:requests")).extracting(CounterView::used, CounterView::resetsAt)
                .containsExactly(1L, Optional.of(at("2026-03-10T10:02:00Z")));
    }

    @Test
    void shouldCountRequestsAtAdmissionEvenWhenTheyFailLater() {
        WindowCharge window = requestWindow(2);
        admitWindows("r1", 0, window);
        ledger.settle(ACCOUNT, "r1", 0, 0, now);
        admitWindows("r2", 0, window);

        assertRejected(admitWindows("r3", 0, window), Admission.Reason.REQUEST_LIMITED, "vk:vk_a:requests");
    }

    @Test
    void shouldReserveTheWorstCaseTokensInTokenWindows() {
        WindowCharge window = tokenWindow(1_000);
        WorstCase worst = new WorstCase(0, 400, 0, 200);
        assertThat(ledger.admit(request("r1", worst, List.of(), List.of(window), false)))
                .isInstanceOfSatisfying(Admission.Admitted.class,
                        admitted -> assertThat(admitted.reservedTokens()).isEqualTo(600));

        Admission second = ledger.admit(request("r2", worst, List.of(), List.of(window), false));
        ledger.settle(ACCOUNT, "r1", 0, 300, now);
        Admission third = ledger.admit(request("r3", worst, List.of(), List.of(window), false));

        assertRejected(second, Admission.Reason.TOKEN_LIMITED, "vk:vk_a:tokens");
        assertThat(((Admission.Rejected) second).retryAfter()).isEqualTo(Duration.ofMinutes(60).minusSeconds(20));
        assertThat(third).isInstanceOf(Admission.Admitted.class);
        assertThat(counter("vk:vk_a:tokens")).extracting(CounterView::used, CounterView::reserved)
                .containsExactly(300L, 600L);
    }

    // ---- idempotency

    @Test
    void shouldAnswerTheSameAdmissionForTheSameRequestId() {
        WindowCharge window = requestWindow(10);
        Admission first = admitWindows("r1", 300, window);
        Admission again = admitWindows("r1", 300, window);

        assertThat(again).isEqualTo(first);
        assertThat(counter("vk:vk_a:1d").reserved()).isEqualTo(300);
        assertThat(counter("vk:vk_a:requests").used()).isEqualTo(1);
    }

    @Test
    void shouldSettleEachRequestOnce() {
        admit("r1", 300, keyBudget("vk_a", 1_000));

        ledger.settle(ACCOUNT, "r1", 250, 0, now);
        List<CounterView> again = ledger.settle(ACCOUNT, "r1", 250, 0, now);

        assertThat(again).extracting(CounterView::counterId, CounterView::used, CounterView::reserved)
                .containsExactly(tuple("vk:vk_a:1d", 250L, 0L));
    }

    @Test
    void shouldChargeNothingForARequestItNeverAdmitted() {
        spend("r1", 100, keyBudget("vk_a", 1_000));

        List<CounterView> views = ledger.settle(ACCOUNT, "unknown", 500, 0, now);

        assertThat(views).extracting(CounterView::used).containsExactly(100L);
    }

    // ---- extension

    @Test
    void shouldExtendAReservationOnItsHardBudgetsAndTokenWindows() {
        ledger.admit(request("r1", new WorstCase(300, 100, 0, 0), List.of(keyBudget("vk_a", 1_000)),
                List.of(tokenWindow(1_000)), false));

        Admission extended = ledger.extend(ACCOUNT, "r1", 200, 50, now);

        assertThat(extended).isInstanceOfSatisfying(Admission.Admitted.class, admitted -> {
            assertThat(admitted.reservedNanos()).isEqualTo(500);
            assertThat(admitted.reservedTokens()).isEqualTo(150);
            assertThat(admitted.outputTokens()).isEqualTo(150);
        });
        assertThat(counter("vk:vk_a:1d").reserved()).isEqualTo(500);
        assertThat(counter("vk:vk_a:tokens").reserved()).isEqualTo(150);
        ledger.settle(ACCOUNT, "r1", 420, 140, now);
        assertThat(counters()).extracting(CounterView::used, CounterView::reserved)
                .containsExactly(tuple(420L, 0L),
                        tuple(140L, 0L));
    }

    @Test
    void shouldRefuseAnExtensionTheBudgetCannotPayAndChangeNothing() {
        admit("r1", 300, keyBudget("vk_a", 1_000), teamBudget(10_000));

        Admission refused = ledger.extend(ACCOUNT, "r1", 800, 0, now);

        assertRejected(refused, Admission.Reason.BUDGET_EXCEEDED, "vk:vk_a:1d");
        assertThat(counters()).extracting(CounterView::reserved).containsOnly(300L);
    }

    @Test
    void shouldRefuseToExtendAnUnknownOrExpiredReservation() {
        admit("r1", 300, keyBudget("vk_a", 1_000));

        Admission unknown = ledger.extend(ACCOUNT, "nope", 10, 0, now);
        now = now.plus(TTL);
        Admission expired = ledger.extend(ACCOUNT, "r1", 10, 0, now);

        assertRejected(unknown, Admission.Reason.BUDGET_EXCEEDED, "vk:vk_a:1d");
        assertRejected(expired, Admission.Reason.BUDGET_EXCEEDED, "vk:vk_a:1d");
        assertThat(((Admission.Rejected) unknown).retryAfter()).isZero();
        assertThat(counter("vk:vk_a:1d").reserved()).isEqualTo(300);
    }

    @Test
    void shouldRenewTheTtlWhenExtending() {
        admit("r1", 300, keyBudget("vk_a", 10_000));
        now = now.plus(TTL).minusSeconds(1);
        ledger.extend(ACCOUNT, "r1", 10, 0, now);
        now = now.plusSeconds(2);

        assertThat(ledger.reclaimExpired(now)).isZero();
        assertThat(counter("vk:vk_a:1d").reserved()).isEqualTo(310);
    }

    // ---- reclaim

    @Test
    void shouldReclaimExpiredReservationsAndStillChargeTheirLateSettlement() {
        admit("r1", 300, keyBudget("vk_a", 1_000), teamBudget(5_000));
        now = now.plus(TTL);

        int reclaimed = ledger.reclaimExpired(now);
        List<CounterView> afterReclaim = counters();
        ledger.settle(ACCOUNT, "r1", 250, 0, now);
        ledger.settle(ACCOUNT, "r1", 250, 0, now);

        assertThat(reclaimed).isEqualTo(1);
        assertThat(afterReclaim).extracting(CounterView::used, CounterView::reserved)
                .containsOnly(tuple(0L, 0L));
        assertThat(counters()).extracting(CounterView::used, CounterView::reserved)
                .containsOnly(tuple(250L, 0L));
    }

    @Test
    void shouldNotReclaimReservationsBeforeTheirTtl() {
        admit("r1", 300, keyBudget("vk_a", 1_000));
        now = now.plus(TTL).minusMillis(1);

        assertThat(ledger.reclaimExpired(now)).isZero();
        assertThat(counter("vk:vk_a:1d").reserved()).isEqualTo(300);
    }

    // ---- periods

    @Test
    void shouldResetAnAlignedMonthExactlyAtLocalMidnightOfTheFirst() {
        ZoneId newYork = ZoneId.of("America/New_York");
        BudgetCharge monthly = budget("team:t1:1M", Level.TEAM, "t1", alignedHard(1_000, "1M", newYork));
        now = at("2026-01-31T23:59:00-05:00");
        spend("r1", 700, monthly);

        now = at("2026-02-01T04:59:59.999Z");
        CounterView lastMoment = counter("team:t1:1M");
        Admission beforeMidnight = admit("r2", 400, monthly);
        now = at("2026-02-01T05:00:00Z");
        CounterView atMidnight = counter("team:t1:1M");
        Admission afterMidnight = admit("r3", 400, monthly);

        assertThat(lastMoment.used()).isEqualTo(700);
        assertThat(lastMoment.resetsAt()).contains(at("2026-02-01T00:00:00-05:00"));
        assertRejected(beforeMidnight, Admission.Reason.BUDGET_EXCEEDED, "team:t1:1M");
        assertThat(((Admission.Rejected) beforeMidnight).retryAfter()).isEqualTo(Duration.ofMillis(1));
        assertThat(atMidnight.used()).isZero();
        assertThat(atMidnight.resetsAt()).contains(at("2026-03-01T00:00:00-05:00"));
        assertThat(afterMidnight).isInstanceOf(Admission.Admitted.class);
    }

    @Test
    void shouldRollAnAnchoredDayAtItsFirstUsePlusOneDay() {
        now = at("2026-03-10T10:17:00Z");
        BudgetCharge daily = keyBudget("vk_a", 1_000);
        spend("r1", 600, daily);

        now = at("2026-03-11T10:16:59Z");
        CounterView before = counter("vk:vk_a:1d");
        now = at("2026-03-11T10:17:00Z");
        CounterView after = counter("vk:vk_a:1d");

        assertThat(before.used()).isEqualTo(600);
        assertThat(before.resetsAt()).contains(at("2026-03-11T10:17:00Z"));
        assertThat(after.used()).isZero();
        assertThat(after.resetsAt()).contains(at("2026-03-12T10:17:00Z"));
    }

    @Test
    void shouldNeverResetANeverBudget() {
        BudgetCharge prepaid = budget("cust:c1:never", Level.CUSTOMER, "c1", hard(1_000, "never"));
        spend("r1", 900, prepaid);
        now = now.plus(Duration.ofDays(3_650));

        Admission refused = admit("r2", 200, prepaid);

        assertRejected(refused, Admission.Reason.BUDGET_EXCEEDED, "cust:c1:never");
        assertThat(((Admission.Rejected) refused).retryAfter()).isZero();
        assertThat(((Admission.Rejected) refused).counter().resetsAt()).isEmpty();
        assertThat(((Admission.Rejected) refused).counter().used()).isEqualTo(900);
    }

    @Test
    void shouldCarryReservationsIntoTheNextPeriodAndChargeThemThere() {
        BudgetCharge hourly = budget("vk:vk_a:1h", Level.VIRTUAL_KEY, "vk_a", alignedHard(1_000, "1h", ZoneOffset.UTC));
        now = at("2026-03-10T10:59:00Z");
        spend("r0", 500, hourly);
        admit("r1", 300, hourly);

        now = at("2026-03-10T11:00:00Z");
        CounterView rolled = counter("vk:vk_a:1h");
        now = at("2026-03-10T11:01:00Z");
        ledger.settle(ACCOUNT, "r1", 250, 0, now);

        assertThat(rolled).extracting(CounterView::used, CounterView::reserved).containsExactly(0L, 300L);
        assertThat(counter("vk:vk_a:1h"))
                .extracting(CounterView::used, CounterView::reserved)
                .containsExactly(250L, 0L);
    }

    // ---- management

    @Test
    void shouldResetUsageButKeepReservations() {
        spend("r1", 600, keyBudget("vk_a", 1_000));
        admit("r2", 300, keyBudget("vk_a", 1_000));

        ledger.reset(ACCOUNT, List.of("vk:vk_a:1d"), now);

        assertThat(counter("vk:vk_a:1d"))
                .extracting(CounterView::used, CounterView::reserved)
                .containsExactly(0L, 300L);
    }

    @Test
    void shouldMoveCountersAndStillChargeRequestsAdmittedBeforeTheMove() {
        String keyAccount = "vk_a";
        BudgetCharge key = keyBudget("vk_a", 1_000);
        ledger.admit(request(keyAccount, "r1", new WorstCase(300, 0, 0, 0), List.of(key), List.of(), false));

        ledger.move(keyAccount, ACCOUNT, List.of("vk:vk_a:1d"), now);
        List<CounterView> settled = ledger.settle(keyAccount, "r1", 250, 0, now);

        assertThat(ledger.counters(keyAccount, now)).isEmpty();
        assertThat(settled).extracting(CounterView::counterId).containsExactly("vk:vk_a:1d");
        assertThat(counter("vk:vk_a:1d"))
                .extracting(CounterView::used, CounterView::reserved)
                .containsExactly(250L, 0L);
    }

    @Test
    void shouldChargeBothAccountsWhenAMoveSplitARequestInFlight() {
        String otherTeam = "t2";
        admit("r1", 300, keyBudget("vk_a", 1_000), teamBudget(5_000));

        ledger.move(ACCOUNT, otherTeam, List.of("vk:vk_a:1d"), now);
        Admission extension = ledger.extend(ACCOUNT, "r1", 10, 0, now);
        ledger.settle(ACCOUNT, "r1", 250, 0, now);

        assertThat(extension).isInstanceOf(Admission.Rejected.class);
        assertThat(ledger.counters(otherTeam, now)).extracting(CounterView::counterId, CounterView::used,
                CounterView::reserved).containsExactly(tuple("vk:vk_a:1d", 250L, 0L));
        assertThat(counters()).extracting(CounterView::counterId, CounterView::used, CounterView::reserved)
                .containsExactly(tuple("team:t1:1d", 250L, 0L));
    }

    @Test
    void shouldExtendARequestWhoseCountersAllMoved() {
        admit("r1", 300, keyBudget("vk_a", 1_000));
        ledger.move(ACCOUNT, "t2", List.of("vk:vk_a:1d"), now);

        Admission extension = ledger.extend(ACCOUNT, "r1", 100, 0, now);

        assertThat(extension).isInstanceOfSatisfying(Admission.Admitted.class,
                admitted -> assertThat(admitted.reservedNanos()).isEqualTo(400));
        assertThat(ledger.counters("t2", now)).extracting(CounterView::reserved).containsExactly(400L);
    }

    @Test
    void shouldForgetRemovedCountersAndChargeTheRest() {
        admit("r1", 300, keyBudget("vk_a", 1_000), teamBudget(5_000));

        ledger.remove(ACCOUNT, List.of("vk:vk_a:1d"));
        ledger.settle(ACCOUNT, "r1", 250, 0, now);

        assertThat(counters()).extracting(CounterView::counterId, CounterView::used, CounterView::reserved)
                .containsExactly(tuple("team:t1:1d", 250L, 0L));
    }

    @Test
    void shouldListTheCountersOfEveryAccount() {
        spend("r1", 100, keyBudget("vk_a", 1_000));
        ledger.admit(request("acct_2", "r2", new WorstCase(50, 0, 0, 0), List.of(keyBudget("vk_b", 1_000)),
                List.of(), false));

        assertThat(ledger.allCounters(now)).extracting(CounterView::counterId)
                .containsExactlyInAnyOrder("vk:vk_a:1d", "vk:vk_b:1d");
    }

    @Test
    void shouldRefuseACounterIdTwiceOnOnePath() {
        assertThatThrownBy(() -> admit("r1", 10, keyBudget("vk_a", 1_000), keyBudget("vk_a", 2_000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vk:vk_a:1d");
    }

    @Test
    void shouldRefuseNegativeAmounts() {
        assertThatThrownBy(() -> ledger.settle(ACCOUNT, "r1", -1, 0, now))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> ledger.extend(ACCOUNT, "r1", 0, -5, now))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-5");
    }

    // ---- concurrency

    @Test
    void shouldNeverOverspendAHardBudgetUnderConcurrentAdmissions() throws Exception {
        long limit = 10_000_000;
        long worst = 7_000;
        BudgetCharge shared = budget("team:t1:never", Level.TEAM, "t1", hard(limit, "never"));
        AtomicInteger admitted = new AtomicInteger();
        AtomicReference<CounterView> overLimit = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(64);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 64; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    for (int i = 0; ; i++) {
                        Admission admission = admit("w" + thread + "-" + i, worst, shared);
                        if (!(admission instanceof Admission.Admitted yes)) {
                            return null;
                        }
                        admitted.incrementAndGet();
                        CounterView view = yes.counters().getFirst();
                        if (view.used() + view.reserved() > limit) {
                            overLimit.set(view);
                        }
                        ledger.settle(ACCOUNT, "w" + thread + "-" + i, worst, 0, now);
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }

        CounterView last = counter("team:t1:never");
        assertThat(overLimit.get()).as("a view over the limit").isNull();
        assertThat(last.reserved()).isZero();
        assertThat(last.used()).isEqualTo(admitted.get() * worst).isLessThanOrEqualTo(limit)
                .isGreaterThan(limit - worst);
    }

    // ---- helpers

    static Instant at(String text) {
        return OffsetDateTime.parse(text).toInstant();
    }

    static BudgetSpec spec(long limitNanos, String reset, boolean aligned, ZoneId zone, BudgetMode mode,
                           LowBudgetAction low) {
        return new BudgetSpec(BigDecimal.valueOf(limitNanos, 9), ResetDuration.parse(reset), aligned, zone, mode, low);
    }

    static BudgetSpec hard(long limitNanos, String reset) {
        return spec(limitNanos, reset, false, ZoneOffset.UTC, BudgetMode.HARD, LowBudgetAction.REJECT);
    }

    static BudgetSpec alignedHard(long limitNanos, String reset, ZoneId zone) {
        return spec(limitNanos, reset, true, zone, BudgetMode.HARD, LowBudgetAction.REJECT);
    }

    static BudgetSpec clamp(long limitNanos) {
        return spec(limitNanos, "1d", false, ZoneOffset.UTC, BudgetMode.HARD, LowBudgetAction.CLAMP);
    }

    static BudgetCharge budget(String id, Level level, String owner, BudgetSpec spec) {
        return new BudgetCharge(id, level, owner, spec);
    }

    static BudgetCharge keyBudget(String key, long limitNanos) {
        return budget("vk:" + key + ":1d", Level.VIRTUAL_KEY, key, hard(limitNanos, "1d"));
    }

    static BudgetCharge teamBudget(long limitNanos) {
        return budget("team:t1:1d", Level.TEAM, "t1", hard(limitNanos, "1d"));
    }

    static BudgetCharge customerBudget(long limitNanos) {
        return budget("cust:c1:1d", Level.CUSTOMER, "c1", hard(limitNanos, "1d"));
    }

    static WindowCharge requestWindow(long limit) {
        return new WindowCharge("vk:vk_a:requests", CounterKind.REQUESTS, Level.VIRTUAL_KEY, "vk_a", limit,
                ResetDuration.parse("1m"));
    }

    static WindowCharge tokenWindow(long limit) {
        return new WindowCharge("vk:vk_a:tokens", CounterKind.TOKENS, Level.VIRTUAL_KEY, "vk_a", limit,
                ResetDuration.parse("1h"));
    }

    AdmissionRequest request(String requestId, WorstCase worst, List<BudgetCharge> budgets, List<WindowCharge> windows,
                             boolean allowClamp) {
        return request(ACCOUNT, requestId, worst, budgets, windows, allowClamp);
    }

    AdmissionRequest request(String account, String requestId, WorstCase worst, List<BudgetCharge> budgets,
                             List<WindowCharge> windows, boolean allowClamp) {
        return new AdmissionRequest(account, requestId, now, budgets, windows, worst, allowClamp, TTL);
    }

    Admission admit(String requestId, long worstNanos, BudgetCharge... budgets) {
        return ledger.admit(request(requestId, new WorstCase(worstNanos, 0, 0, 0), List.of(budgets), List.of(), false));
    }

    Admission admitWindows(String requestId, long worstNanos, WindowCharge window) {
        return ledger.admit(request(requestId, new WorstCase(worstNanos, 0, 0, 0), List.of(keyBudget("vk_a", 10_000)),
                List.of(window), false));
    }

    void spend(String requestId, long nanos, BudgetCharge... budgets) {
        assertThat(admit(requestId, nanos, budgets)).isInstanceOf(Admission.Admitted.class);
        ledger.settle(ACCOUNT, requestId, nanos, 0, now);
    }

    List<CounterView> counters() {
        return ledger.counters(ACCOUNT, now);
    }

    Optional<CounterView> find(String counterId) {
        return counters().stream().filter(view -> view.counterId().equals(counterId)).findFirst();
    }

    CounterView counter(String counterId) {
        return find(counterId).orElseThrow(() -> new AssertionError("no counter " + counterId + " in " + counters()));
    }

    static void assertRejected(Admission admission, Admission.Reason reason, String counterId) {
        assertThat(admission).isInstanceOfSatisfying(Admission.Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(reason);
            assertThat(rejected.counter().counterId()).isEqualTo(counterId);
        });
    }
}
