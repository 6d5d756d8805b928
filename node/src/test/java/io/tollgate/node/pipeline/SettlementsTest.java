package io.tollgate.node.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.cluster.ledger.Admission;
import io.tollgate.cluster.ledger.AdmissionRequest;
import io.tollgate.cluster.ledger.BudgetCharge;
import io.tollgate.cluster.ledger.CounterView;
import io.tollgate.cluster.ledger.ForwardingBudgetLedger;
import io.tollgate.cluster.ledger.InMemoryBudgetLedger;
import io.tollgate.cluster.ledger.LeaseGrant;
import io.tollgate.cluster.ledger.LeaseRequest;
import io.tollgate.cluster.ledger.LedgerUnavailableException;
import io.tollgate.cluster.ledger.Level;
import io.tollgate.cluster.ledger.WorstCase;
import io.tollgate.config.BudgetSpec;
import io.tollgate.config.ResetDuration;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SettlementsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
    private static final BudgetCharge BUDGET = new BudgetCharge("vk:k:1d", Level.VIRTUAL_KEY, "k",
            BudgetSpec.of(new BigDecimal("0.01"), ResetDuration.parse("1d")));

    @Test
    void shouldRecordSpendServedWhileTheLedgerWasDownOnceItIsBackEvenOverTheCap() {
        FlakyLedger ledger = new FlakyLedger();
        try (Settlements settlements = Settlements.create(ledger, CLOCK)) {
            ledger.down.set(true);
            AdmissionRequest forced = new AdmissionRequest("k", "req-1", CLOCK.instant(), List.of(BUDGET), List.of(),
                    new WorstCase(0, 0, 0, 0), false, Duration.ofMinutes(15), true);
            // $0.02 served while the ledger was unreachable: more than the $0.01 cap, and still counted
            settlements.record(forced, 20_000_000, 30);
            assertThat(settlements.pendingCount()).isEqualTo(1);
            settlements.retryPending();
            assertThat(settlements.pendingCount()).isEqualTo(1);
            ledger.down.set(false);
            settlements.retryPending();
            assertThat(settlements.pendingCount()).isZero();
            settlements.retryPending();
            CounterView budget = ledger.counters("k", CLOCK.instant()).get(0);
            assertThat(budget.used()).isEqualTo(20_000_000);
            assertThat(budget.reserved()).isZero();
        }
    }

    @Test
    void shouldRetryASettlementTheLedgerCouldNotTakeAndBillItOnce() {
        FlakyLedger ledger = new FlakyLedger();
        try (Settlements settlements = Settlements.create(ledger, CLOCK)) {
            Admission admitted = ledger.admit(new AdmissionRequest("k", "req-2", CLOCK.instant(), List.of(BUDGET),
                    List.of(), new WorstCase(1_000_000, 0, 0, 10), false, Duration.ofMinutes(15)));
            assertThat(admitted).isInstanceOf(Admission.Admitted.class);
            ledger.down.set(true);
            RecordingChannel channel = new RecordingChannel();
            Exchange exchange = Exchange.create("req-2", 0, io.tollgate.adapters.Dialect.OPENAI,
                    io.tollgate.adapters.Operation.CHAT, io.tollgate.adapters.Json.object(), java.util.Map.of(),
                    channel);
            settlements.settle("k", "req-2", 400_000, 10, exchange);
            assertThat(settlements.pendingCount()).isEqualTo(1);
            ledger.down.set(false);
            settlements.retryPending();
            settlements.retryPending();
            CounterView budget = ledger.counters("k", CLOCK.instant()).get(0);
            assertThat(budget.used()).isEqualTo(400_000);
            assertThat(budget.reserved()).isZero();
        }
    }

    /** An in-memory ledger that can be switched off. */
    private static final class FlakyLedger extends ForwardingBudgetLedger {
        final AtomicBoolean down = new AtomicBoolean();

        FlakyLedger() {
            super(InMemoryBudgetLedger.create());
        }

        private void check() {
            if (down.get()) {
                throw new LedgerUnavailableException("down for the test", null);
            }
        }

        @Override
        public Admission admit(AdmissionRequest request) {
            check();
            return super.admit(request);
        }

        @Override
        public Admission extend(String accountId, String requestId, long moreNanos, long moreTokens, Instant now) {
            check();
            return super.extend(accountId, requestId, moreNanos, moreTokens, now);
        }

        @Override
        public List<CounterView> settle(String accountId, String requestId, long costNanos, long tokens, Instant now) {
            check();
            return super.settle(accountId, requestId, costNanos, tokens, now);
        }

        @Override
        public LeaseGrant lease(LeaseRequest request) {
            check();
            return super.lease(request);
        }
    }
}
