package io.tollgate.cluster.ledger;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A {@link BudgetLedger} that hands every step to another one: the base of ledgers that add something to some
 * steps (the node's {@link LeasingLedger}, test doubles that count or fail steps) and override just those.
 */
public abstract class ForwardingBudgetLedger implements BudgetLedger {

    private final BudgetLedger delegate;

    protected ForwardingBudgetLedger(BudgetLedger delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The ledger every step goes to. */
    protected final BudgetLedger delegate() {
        return delegate;
    }

    @Override
    public Admission admit(AdmissionRequest request) {
        return delegate.admit(request);
    }

    @Override
    public Admission extend(String accountId, String requestId, long moreNanos, long moreTokens, Instant now) {
        return delegate.extend(accountId, requestId, moreNanos, moreTokens, now);
    }

    @Override
    public List<CounterView> settle(String accountId, String requestId, long costNanos, long tokens, Instant now) {
        return delegate.settle(accountId, requestId, costNanos, tokens, now);
    }

    @Override
    public LeaseGrant lease(LeaseRequest request) {
        return delegate.lease(request);
    }

    @Override
    public List<CounterView> counters(String accountId, Instant now) {
        return delegate.counters(accountId, now);
    }

    @Override
    public List<CounterView> allCounters(Instant now) {
        return delegate.allCounters(now);
    }

    @Override
    public void reset(String accountId, Collection<String> counterIds, Instant now) {
        delegate.reset(accountId, counterIds, now);
    }

    @Override
    public void move(String fromAccountId, String toAccountId, Collection<String> counterIds, Instant now) {
        delegate.move(fromAccountId, toAccountId, counterIds, now);
    }

    @Override
    public void remove(String accountId, Collection<String> counterIds) {
        delegate.remove(accountId, counterIds);
    }

    @Override
    public int reclaimExpired(Instant now) {
        return delegate.reclaimExpired(now);
    }
}
