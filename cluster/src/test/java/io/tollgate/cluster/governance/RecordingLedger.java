package io.tollgate.cluster.governance;

import io.tollgate.cluster.ledger.Admission;
import io.tollgate.cluster.ledger.AdmissionRequest;
import io.tollgate.cluster.ledger.BudgetLedger;
import io.tollgate.cluster.ledger.CounterView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** A ledger that records the bookkeeping calls the registry makes; the request-path methods are not for it. */
final class RecordingLedger implements BudgetLedger {

    /** One call: {@code reset}, {@code move} or {@code remove}, its accounts and its counter ids (sorted). */
    record Call(String method, String account, String toAccount, Set<String> counterIds) {

        static Call reset(String account, String... ids) {
            return new Call("reset", account, "", new TreeSet<>(List.of(ids)));
        }

        static Call move(String from, String to, String... ids) {
            return new Call("move", from, to, new TreeSet<>(List.of(ids)));
        }

        static Call remove(String account, String... ids) {
            return new Call("remove", account, "", new TreeSet<>(List.of(ids)));
        }
    }

    private final List<Call> calls = new ArrayList<>();

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    synchronized void clear() {
        calls.clear();
    }

    @Override
    public synchronized void reset(String accountId, Collection<String> counterIds, Instant now) {
        calls.add(new Call("reset", accountId, "", new TreeSet<>(counterIds)));
    }

    @Override
    public synchronized void move(String fromAccountId, String toAccountId, Collection<String> counterIds,
                                  Instant now) {
        calls.add(new Call("move", fromAccountId, toAccountId, new TreeSet<>(counterIds)));
    }

    @Override
    public synchronized void remove(String accountId, Collection<String> counterIds) {
        calls.add(new Call("remove", accountId, "", new TreeSet<>(counterIds)));
    }

    @Override
    public Admission admit(AdmissionRequest request) {
        throw new UnsupportedOperationException("not used by the registry");
    }

    @Override
    public Admission extend(String accountId, String requestId, long moreNanos, long moreTokens, Instant now) {
        throw new UnsupportedOperationException("not used by the registry");
    }

    @Override
    public List<CounterView> settle(String accountId, String requestId, long costNanos, long tokens, Instant now) {
        throw new UnsupportedOperationException("not used by the registry");
    }

    @Override
    public io.tollgate.cluster.ledger.LeaseGrant lease(io.tollgate.cluster.ledger.LeaseRequest request) {
        throw new UnsupportedOperationException("not used by the registry");
    }

    @Override
    public List<CounterView> counters(String accountId, Instant now) {
        throw new UnsupportedOperationException("not used by the registry");
    }

    @Override
    public List<CounterView> allCounters(Instant now) {
        throw new UnsupportedOperationException("not used by the registry");
    }

    @Override
    public int reclaimExpired(Instant now) {
        throw new UnsupportedOperationException("not used by the registry");
    }
}
