package io.tollgate.node.pipeline;

import io.tollgate.cluster.ledger.BudgetLedger;
import io.tollgate.cluster.ledger.CounterView;
import io.tollgate.cluster.ledger.LedgerUnavailableException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Settles requests with the ledger, and keeps retrying those it could not settle at once (ledger unavailable)
 * until it can: a debit is never dropped while the node lives. Settlement is idempotent per request id, so a
 * retry never bills twice. Thread-safe.
 */
public final class Settlements implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Settlements.class.getName());

    private final BudgetLedger ledger;
    private final Clock clock;
    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService retry;

    private Settlements(BudgetLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
        this.retry = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("tollgate-settlement-retry").factory());
        retry.scheduleWithFixedDelay(this::retryPending, 1, 1, TimeUnit.SECONDS);
    }

    /** Settlements against this ledger. */
    public static Settlements create(BudgetLedger ledger, Clock clock) {
        return new Settlements(ledger, clock);
    }

    /**
     * Settles one request; on success updates the budget header of a response not yet sent.
     */
    void settle(String accountId, String requestId, long costNanos, long tokens, Exchange exchange) {
        try {
            List<CounterView> counters = ledger.settle(accountId, requestId, costNanos, tokens, clock.instant());
            if (!exchange.channel().committed()) {
                LimitHeaders.write(exchange.channel(), counters, clock.instant());
            }
        } catch (LedgerUnavailableException e) {
            LOG.warning("settlement of request " + requestId + " deferred: " + e.getMessage());
            pending.add(new Pending(accountId, requestId, costNanos, tokens, null));
        }
    }

    /**
     * Records a request that was served while the ledger was unavailable ({@code on_state_unavailable: open}): once
     * the ledger answers, it is admitted whatever the limits say (reserving nothing) and settled with its cost, so
     * the spend is counted. Both steps are idempotent per request id, so retries never bill twice.
     */
    void record(io.tollgate.cluster.ledger.AdmissionRequest forced, long costNanos, long tokens) {
        Pending item = new Pending(forced.accountId(), forced.requestId(), costNanos, tokens, forced);
        if (!apply(item)) {
            pending.add(item);
        }
    }

    /** Settlements waiting for the ledger. */
    public int pendingCount() {
        return pending.size();
    }

    void retryPending() {
        for (int n = pending.size(); n > 0; n--) {
            Pending next = pending.poll();
            if (next == null) {
                return;
            }
            if (!apply(next)) {
                pending.add(next);
                return;
            }
        }
    }

    /** Applies one pending item; false when the ledger is still unavailable. */
    private boolean apply(Pending item) {
        try {
            if (item.forced != null && !item.admitted) {
                ledger.admit(item.forced);
                item.admitted = true;
            }
            ledger.settle(item.accountId, item.requestId, item.costNanos, item.tokens, clock.instant());
            return true;
        } catch (LedgerUnavailableException e) {
            return false;
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "settlement of request " + item.requestId + " failed", e);
            return false;
        }
    }

    @Override
    public void close() {
        retry.shutdown();
        retryPending();
        if (!pending.isEmpty()) {
            LOG.severe(pending.size() + " settlements could not be written before shutdown; their reservations "
                    + "will be reclaimed");
        }
    }

    /** A settlement waiting for the ledger; {@code forced} is the admission to record first, if any. */
    private static final class Pending {
        private final String accountId;
        private final String requestId;
        private final long costNanos;
        private final long tokens;
        private final io.tollgate.cluster.ledger.AdmissionRequest forced;
        private volatile boolean admitted;

        Pending(String accountId, String requestId, long costNanos, long tokens,
                io.tollgate.cluster.ledger.AdmissionRequest forced) {
            this.accountId = accountId;
            this.requestId = requestId;
            this.costNanos = costNanos;
            this.tokens = tokens;
            this.forced = forced;
        }
    }
}
