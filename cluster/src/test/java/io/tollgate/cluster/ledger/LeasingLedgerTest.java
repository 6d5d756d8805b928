package io.tollgate.cluster.ledger;

import static io.tollgate.cluster.ledger.BudgetLedgerContract.at;
import static io.tollgate.cluster.ledger.BudgetLedgerContract.keyBudget;
import static io.tollgate.cluster.ledger.BudgetLedgerContract.requestWindow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.config.LeaseConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Nodes admitting and settling against leases: in memory after one step, exact on the grid after a flush, exact
 * at the cap across nodes, charged in full when a node dies, and careful when the grid fails.
 */
class LeasingLedgerTest {

    private static final String ACCOUNT = "cust_1";
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final LeaseConfig CONFIG = new LeaseConfig(true, 50, 10_000, 1_000);

    private final CountingLedger grid = new CountingLedger(InMemoryBudgetLedger.create());
    private Instant now = at("2026-03-10T10:00:20Z");

    @Test
    void shouldAdmitAndSettleInMemoryAfterOneLeaseStepAndChargeExactlyOnFlush() {
        LeasingLedger node = node(grid, 1);
        List<BudgetCharge> budgets = List.of(keyBudget("vk_a", 1_000_000_000));

        for (int i = 0; i < 100; i++) {
            assertThat(admit(node, "r" + i, 1_000, budgets, List.of(requestWindow(10_000))))
                    .isInstanceOf(Admission.Admitted.class);
            node.settle(ACCOUNT, "r" + i, 600, 0, now);
        }

        // the first lease covers 32 requests; the second is sized by the rate (32 requests in under a millisecond)
        assertThat(grid.calls()).as("two lease steps, no per-request step").isEqualTo(2);
        node.flush();
        assertThat(grid.calls()).isEqualTo(3);
        assertThat(gridView("vk:vk_a:1d").used()).isEqualTo(60_000);
        assertThat(gridView("vk:vk_a:requests").used()).isEqualTo(100);
        assertThat(gridView("vk:vk_a:1d")).as("the lease's free part, still held")
                .extracting(CounterView::reserved, view -> view.leased() > 0).containsExactly(0L, true);
        node.close();
        assertThat(gridView("vk:vk_a:1d")).extracting(CounterView::used, LeasingLedgerTest::held)
                .containsExactly(60_000L, 0L);
    }

    @Test
    void shouldShowItsOwnAdmissionsInTheCountersItAnswers() {
        LeasingLedger node = node(grid, 1);
        List<BudgetCharge> budgets = List.of(keyBudget("vk_a", 1_000_000_000));
        List<Long> requestsLeft = new ArrayList<>();
        List<Long> nanosLeft = new ArrayList<>();

        for (int i = 0; i < 3; i++) {
            Admission admission = admit(node, "r" + i, 1_000, budgets, List.of(requestWindow(10_000)));
            List<CounterView> counters = ((Admission.Admitted) admission).counters();
            requestsLeft.add(counters.stream().filter(v -> v.kind() == CounterKind.REQUESTS).findFirst()
                    .orElseThrow().remaining());
            nanosLeft.add(counters.stream().filter(v -> v.kind() == CounterKind.BUDGET).findFirst()
                    .orElseThrow().remaining());
        }

        assertThat(requestsLeft).containsExactly(9_999L, 9_998L, 9_997L);
        assertThat(nanosLeft).containsExactly(999_999_000L, 999_998_000L, 999_997_000L);
    }

    @Test
    void shouldGiveBackTheFreePartWhenIdleAndNothingHeldOnClose() {
        LeasingLedger node = node(grid, 1);
        List<BudgetCharge> budgets = List.of(keyBudget("vk_a", 1_000_000_000));
        admit(node, "r1", 1_000, budgets, List.of());
        admit(node, "r2", 1_000, budgets, List.of());
        node.settle(ACCOUNT, "r1", 700, 0, now);

        now = now.plusMillis(CONFIG.idleMs());
        node.flush();

        assertThat(gridView("vk:vk_a:1d")).extracting(CounterView::used, LeasingLedgerTest::held)
                .as("idle: only the request in flight stays held").containsExactly(700L, 1_000L);
        node.settle(ACCOUNT, "r2", 900, 0, now);
        node.close();
        assertThat(gridView("vk:vk_a:1d")).extracting(CounterView::used, LeasingLedgerTest::held)
                .containsExactly(1_600L, 0L);
    }

    @Test
    void shouldGoRequestByRequestNearTheLimitAndFillItExactly() {
        LeasingLedger node = node(grid, 1);
        List<BudgetCharge> budgets = List.of(keyBudget("vk_a", 10_000));
        int admitted = 0;

        for (int i = 0; i < 20; i++) {
            if (admit(node, "r" + i, 1_000, budgets, List.of()) instanceof Admission.Admitted) {
                admitted++;
                node.settle(ACCOUNT, "r" + i, 1_000, 0, now);
            }
        }

        assertThat(admitted).isEqualTo(10);
        assertThat(gridView("vk:vk_a:1d")).extracting(CounterView::used, LeasingLedgerTest::held)
                .containsExactly(10_000L, 0L);
    }

    @Test
    void shouldAnswerARepeatedAdmissionWithTheSameReservationAndSettleOnce() {
        LeasingLedger node = node(grid, 1);
        List<BudgetCharge> budgets = List.of(keyBudget("vk_a", 1_000_000_000));

        Admission first = admit(node, "r1", 1_000, budgets, List.of(requestWindow(10_000)));
        Admission again = admit(node, "r1", 1_000, budgets, List.of(requestWindow(10_000)));
        node.settle(ACCOUNT, "r1", 800, 0, now);
        node.settle(ACCOUNT, "r1", 800, 0, now);
        node.flush();

        assertThat(again).isEqualTo(first);
        assertThat(gridView("vk:vk_a:1d").used()).isEqualTo(800);
        assertThat(gridView("vk:vk_a:requests").used()).isEqualTo(1);
    }

    @Test
    void shouldSendForcedAdmissionsToTheGrid() {
        LeasingLedger node = node(grid, 1);
        AdmissionRequest forced = new AdmissionRequest(ACCOUNT, "late", now, List.of(keyBudget("vk_a", 1)),
                List.of(), new WorstCase(0, 0, 0, 0), false, TTL, true);

        assertThat(node.admit(forced)).isInstanceOf(Admission.Admitted.class);
        node.settle(ACCOUNT, "late", 500, 0, now);

        assertThat(gridView("vk:vk_a:1d").used()).isEqualTo(500);
        assertThat(node.leases()).isZero();
    }

    @Test
    void shouldExtendFromTheFreePartThenFromTheGridAndRefuseWhatTheBudgetCannotPay() {
        LeasingLedger node = node(grid, 1);
        List<BudgetCharge> budgets = List.of(keyBudget("vk_a", 100_000));
        admit(node, "r1", 1_000, budgets, List.of());
        int calls = grid.calls();

        Admission small = node.extend(ACCOUNT, "r1", 10_000, 0, now);
        assertThat(grid.calls()).as("from the free part (25 000)").isEqualTo(calls);
        Admission large = node.extend(ACCOUNT, "r1", 50_000, 0, now);
        Admission tooLarge = node.extend(ACCOUNT, "r1", 60_000, 0, now);

        assertThat(small).isInstanceOfSatisfying(Admission.Admitted.class,
                admitted -> assertThat(admitted.reservedNanos()).isEqualTo(11_000));
        assertThat(large).isInstanceOfSatisfying(Admission.Admitted.class,
                admitted -> assertThat(admitted.reservedNanos()).isEqualTo(61_000));
        assertThat(tooLarge).isInstanceOfSatisfying(Admission.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(Admission.Reason.BUDGET_EXCEEDED));
        node.settle(ACCOUNT, "r1", 61_000, 0, now);
        node.close();
        assertThat(gridView("vk:vk_a:1d")).extracting(CounterView::used, LeasingLedgerTest::held)
                .containsExactly(61_000L, 0L);
    }

    @Test
    void shouldHaveADeadNodesLeaseChargedInFullSoNoSettledSpendIsLost() {
        LeasingLedger dying = node(grid, 2);
        List<BudgetCharge> budgets = List.of(keyBudget("vk_a", 1_000_000_000));
        for (int i = 0; i < 5; i++) {
            admit(dying, "r" + i, 1_000, budgets, List.of());
            dying.settle(ACCOUNT, "r" + i, 900, 0, now);
        }
        long held = gridView("vk:vk_a:1d").reserved() + gridView("vk:vk_a:1d").leased();
        // the node dies: nothing flushed, nothing closed

        now = now.plusMillis(CONFIG.ttlMs());
        assertThat(grid.reclaimExpired(now)).isEqualTo(1);

        CounterView after = gridView("vk:vk_a:1d");
        assertThat(after.reserved() + after.leased()).isZero();
        assertThat(after.used()).as("everything the lease held, at least the 4 500 spent").isEqualTo(held)
                .isGreaterThanOrEqualTo(4_500);
    }

    @Test
    void shouldReplaceTheFullChargeWithTheExactSpendWhenACutOffNodeComesBack() {
        LeasingLedger node = node(grid, 2);
        List<BudgetCharge> budgets = List.of(keyBudget("vk_a", 1_000_000_000));
        for (int i = 0; i < 5; i++) {
            admit(node, "r" + i, 1_000, budgets, List.of(requestWindow(10_000)));
            node.settle(ACCOUNT, "r" + i, 900, 0, now);
        }
        admit(node, "late", 1_000, budgets, List.of(requestWindow(10_000)));
        grid.failLeases(true);
        node.flush(); // fails: the node stops admitting from its lease
        assertThatThrownBy(() -> admit(node, "refused", 1_000, budgets, List.of(requestWindow(10_000))))
                .isInstanceOf(LedgerUnavailableException.class);

        now = now.plusMillis(CONFIG.ttlMs());
        grid.reclaimExpired(now);
        long charged = gridView("vk:vk_a:1d").used();
        grid.failLeases(false);
        node.flush(); // the failed step, late: the lease is gone, the node starts reporting
        node.settle(ACCOUNT, "late", 700, 0, now);
        node.flush(); // the last spend, and done

        assertThat(charged).as("charged in full while the node was away").isGreaterThan(5_200);
        assertThat(gridView("vk:vk_a:1d")).extracting(CounterView::used, LeasingLedgerTest::held)
                .containsExactly(5_200L, 0L);
        assertThat(gridView("vk:vk_a:requests").used()).isEqualTo(6);
    }

    @Test
    void shouldStopUsingALeaseWhenAStepFailsAndSendThatStepAgainBeforeAnyOther() {
        LeasingLedger node = node(grid, 1);
        List<BudgetCharge> budgets = List.of(keyBudget("vk_a", 1_000_000_000));
        admit(node, "r1", 1_000, budgets, List.of());
        node.settle(ACCOUNT, "r1", 900, 0, now);
        grid.failLeases(true);
        grid.applyThenFail(true); // the step reaches the grid, its answer does not

        node.flush();
        assertThatThrownBy(() -> admit(node, "r2", 1_000, budgets, List.of()))
                .isInstanceOf(LedgerUnavailableException.class);

        grid.failLeases(false);
        grid.applyThenFail(false);
        assertThat(admit(node, "r3", 1_000, budgets, List.of())).isInstanceOf(Admission.Admitted.class);
        node.settle(ACCOUNT, "r3", 100, 0, now);
        node.close();
        assertThat(gridView("vk:vk_a:1d")).as("the repeated step charged nothing twice")
                .extracting(CounterView::used, LeasingLedgerTest::held).containsExactly(1_000L, 0L);
    }

    @Test
    void shouldTakeANewLeaseWhenTheLimitsChange() {
        LeasingLedger node = node(grid, 1);
        admit(node, "r1", 1_000, List.of(keyBudget("vk_a", 1_000_000_000)), List.of());
        admit(node, "r2", 1_000, List.of(keyBudget("vk_a", 2_000_000_000)), List.of());
        node.settle(ACCOUNT, "r1", 100, 0, now);
        node.settle(ACCOUNT, "r2", 200, 0, now);

        now = now.plusMillis(CONFIG.idleMs());
        node.flush();

        assertThat(gridView("vk:vk_a:1d")).extracting(CounterView::used, CounterView::reserved, CounterView::limit)
                .containsExactly(300L, 0L, 2_000_000_000L);
    }

    @Test
    @Timeout(60)
    void shouldNeverPassTheCapAcrossThreeNodesAndFillItToWithinOneWorstCase() throws Exception {
        long limit = 2_000_000;
        long worst = 1_000;
        List<BudgetCharge> budgets = List.of(keyBudget("vk_a", limit));

        int admitted = untilRefused(12, (id, time) -> new AdmissionRequest(ACCOUNT, id, time, budgets, List.of(),
                new WorstCase(worst, 0, 0, 0), false, TTL), worst);

        CounterView view = grid.counters(ACCOUNT, Instant.now()).getFirst();
        assertThat(view.used()).as("every admitted request charged once").isEqualTo(admitted * worst);
        assertThat(view.used()).isLessThanOrEqualTo(limit).isGreaterThan(limit - worst);
        assertThat(held(view)).isZero();
        assertThat(grid.leaseCalls()).as("leases, not one step per request").isLessThan(admitted / 4);
    }

    @Test
    @Timeout(60)
    void shouldAcceptExactlyTheRequestLimitAcrossThreeNodes() throws Exception {
        long limit = 1_500;
        List<WindowCharge> windows = List.of(new WindowCharge("vk:vk_a:requests", CounterKind.REQUESTS,
                Level.VIRTUAL_KEY, "vk_a", limit, io.tollgate.config.ResetDuration.parse("1d")));

        int accepted = untilRefused(9, (id, time) -> new AdmissionRequest(ACCOUNT, id, time,
                List.of(keyBudget("vk_a", Long.MAX_VALUE / 4)), windows,
                new WorstCase(ThreadLocalRandom.current().nextLong(1, 100), 0, 0, 0), false, TTL), 1);

        assertThat(accepted).isEqualTo(limit);
        CounterView window = grid.counters(ACCOUNT, Instant.now()).stream()
                .filter(v -> v.kind() == CounterKind.REQUESTS).findFirst().orElseThrow();
        assertThat(window).extracting(CounterView::used, LeasingLedgerTest::held).containsExactly(limit, 0L);
    }

    /**
     * Three nodes (flushing every 5 ms) on the shared grid, {@code clients} threads spread over them, each admitting
     * and settling (at {@code cost}) until refused; then every node is closed.
     *
     * @return how many requests were admitted
     */
    private int untilRefused(int clients, BiFunction<String, Instant, AdmissionRequest> request, long cost)
            throws Exception {
        LeaseConfig fast = new LeaseConfig(true, 5, 10_000, 50);
        List<LeasingLedger> nodes = List.of(node(grid, fast, 3), node(grid, fast, 3), node(grid, fast, 3));
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger ids = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> flusher = pool.submit(() -> flushWhile(running, nodes));
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                LeasingLedger node = nodes.get(c % 3);
                futures.add(pool.submit(() -> {
                    while (true) {
                        String id = "r" + ids.incrementAndGet();
                        Instant time = Instant.now();
                        if (node.admit(request.apply(id, time)) instanceof Admission.Rejected) {
                            return null;
                        }
                        admitted.incrementAndGet();
                        node.settle(ACCOUNT, id, cost, 0, time);
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            running.set(false);
            flusher.get();
        }
        nodes.forEach(LeasingLedger::close);
        return admitted.get();
    }

    /** Everything held on a counter: by requests in flight and by leases. */
    private static long held(CounterView view) {
        return view.reserved() + view.leased();
    }

    private static Void flushWhile(AtomicBoolean running, List<LeasingLedger> nodes) throws InterruptedException {
        while (running.get()) {
            nodes.forEach(LeasingLedger::flush);
            Thread.sleep(1);
        }
        return null;
    }

    private LeasingLedger node(BudgetLedger ledger, int members) {
        return node(ledger, CONFIG, members);
    }

    private LeasingLedger node(BudgetLedger ledger, LeaseConfig config, int members) {
        return LeasingLedger.manual(ledger, config, () -> members,
                () -> config == CONFIG ? now : Instant.now());
    }

    @Test
    void shouldHoldABatchsDayLongReservationOnTheGridWhereAnotherNodeSettlesIt() {
        LeasingLedger submitter = node(grid, 2);
        LeasingLedger other = node(grid, 2);
        List<BudgetCharge> budgets = List.of(keyBudget("vk_a", 1_000_000));

        Admission admitted = submitter.admit(new AdmissionRequest(ACCOUNT, "batch", now, budgets, List.of(),
                new WorstCase(400_000, 0, 0, 0), false, Duration.ofHours(25)));

        assertThat(admitted).isInstanceOf(Admission.Admitted.class);
        assertThat(gridView("vk:vk_a:1d").reserved()).as("on the grid at once, not in a lease").isEqualTo(400_000);
        other.settle(ACCOUNT, "batch", 123_456, 0, now.plus(Duration.ofHours(3)));
        assertThat(gridView("vk:vk_a:1d")).extracting(CounterView::used, CounterView::reserved)
                .containsExactly(123_456L, 0L);
        submitter.close();
        other.close();
    }

    private Admission admit(LeasingLedger node, String id, long worstNanos, List<BudgetCharge> budgets,
                            List<WindowCharge> windows) {
        return node.admit(new AdmissionRequest(ACCOUNT, id, now, budgets, windows, new WorstCase(worstNanos, 0, 0, 0),
                false, TTL));
    }

    private CounterView gridView(String id) {
        return grid.counters(ACCOUNT, now).stream().filter(v -> v.counterId().equals(id)).findFirst().orElseThrow();
    }

    /** A ledger that counts the steps it is asked for, and can fail lease steps (before or after applying them). */
    private static final class CountingLedger extends ForwardingBudgetLedger {
        private final AtomicInteger calls = new AtomicInteger();
        private final AtomicInteger leaseCalls = new AtomicInteger();
        private volatile boolean failLeases;
        private volatile boolean applyThenFail;

        CountingLedger(BudgetLedger delegate) {
            super(delegate);
        }

        int calls() {
            return calls.get();
        }

        int leaseCalls() {
            return leaseCalls.get();
        }

        void failLeases(boolean fail) {
            failLeases = fail;
        }

        void applyThenFail(boolean fail) {
            applyThenFail = fail;
        }

        @Override
        public Admission admit(AdmissionRequest request) {
            calls.incrementAndGet();
            if (failLeases) {
                throw new LedgerUnavailableException("grid down", null);
            }
            return super.admit(request);
        }

        @Override
        public Admission extend(String accountId, String requestId, long moreNanos, long moreTokens, Instant now) {
            calls.incrementAndGet();
            return super.extend(accountId, requestId, moreNanos, moreTokens, now);
        }

        @Override
        public List<CounterView> settle(String accountId, String requestId, long costNanos, long tokens,
                                        Instant now) {
            calls.incrementAndGet();
            return super.settle(accountId, requestId, costNanos, tokens, now);
        }

        @Override
        public LeaseGrant lease(LeaseRequest request) {
            calls.incrementAndGet();
            leaseCalls.incrementAndGet();
            if (failLeases && !applyThenFail) {
                throw new LedgerUnavailableException("grid down", null);
            }
            LeaseGrant grant = super.lease(request);
            if (failLeases) {
                throw new LedgerUnavailableException("answer lost", null);
            }
            return grant;
        }
    }
}
