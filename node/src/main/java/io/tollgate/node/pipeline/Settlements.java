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
            pending.add(new Pending(accountId, requestId, costNanos, tokens));
        }
    }

    /** Settlements waiting for the ledger. */
    public int pendingCount() {
        return pending.size();
    }

    private void retryPending() {
        for (int n = pending.size(); n > 0; n--) {
            Pending next = pending.poll();
            if (next == null) {
                return;
            }
            try {
                ledger.settle(next.accountId, next.requestId, next.costNanos, next.tokens, clock.instant());
            } catch (LedgerUnavailableException e) {
                pending.add(next);
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "settlement of request " + next.requestId + " failed", e);
                pending.add(next);
                return;
            }
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

    private record Pending(String accountId, String requestId, long costNanos, long tokens) {
    }
}
