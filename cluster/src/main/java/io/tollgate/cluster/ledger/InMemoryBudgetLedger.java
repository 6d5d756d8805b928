package io.tollgate.cluster.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A {@link BudgetLedger} in this JVM's memory: one node, nothing persisted. Each account is guarded by its own
 * lock, so requests of different accounts never wait for each other. Thread-safe; never throws
 * {@link LedgerUnavailableException}.
 */
public final class InMemoryBudgetLedger implements BudgetLedger {

    private final ConcurrentHashMap<String, Slot> accounts = new ConcurrentHashMap<>();

    private InMemoryBudgetLedger() {
    }

    /** An empty ledger. */
    public static InMemoryBudgetLedger create() {
        return new InMemoryBudgetLedger();
    }

    @Override
    public Admission admit(AdmissionRequest request) {
        AccountState.checkAdmission(request);
        return change(request.accountId(), state -> state.admit(request));
    }

    @Override
    public Admission extend(String accountId, String requestId, long moreNanos, long moreTokens, Instant now) {
        return AccountAnswer.follow(accountId,
                account -> change(account, state -> state.extend(requestId, moreNanos, moreTokens, now)),
                (before, next) -> next);
    }

    @Override
    public List<CounterView> settle(String accountId, String requestId, long costNanos, long tokens, Instant now) {
        return AccountAnswer.follow(accountId,
                account -> change(account, state -> state.settle(requestId, costNanos, tokens, now)),
                InMemoryBudgetLedger::concat);
    }

    @Override
    public LeaseGrant lease(LeaseRequest request) {
        AccountAnswer<LeaseGrant> answer = change(request.accountId(), state -> state.lease(request));
        for (int hop = 1; answer.forwardTo().isPresent() && hop < AccountAnswer.MAX_HOPS; hop++) {
            LeaseRequest closing = request.closing();
            answer = change(answer.forwardTo().get(), state -> state.lease(closing));
        }
        return answer.answer();
    }

    @Override
    public List<CounterView> counters(String accountId, Instant now) {
        Slot slot = accounts.get(accountId);
        if (slot == null) {
            return List.of();
        }
        slot.lock.lock();
        try {
            return slot.state.counters(now);
        } finally {
            slot.lock.unlock();
        }
    }

    @Override
    public List<CounterView> allCounters(Instant now) {
        List<CounterView> all = new ArrayList<>();
        accounts.keySet().stream().sorted().forEach(accountId -> all.addAll(counters(accountId, now)));
        return all;
    }

    @Override
    public void reset(String accountId, Collection<String> counterIds, Instant now) {
        List<String> ids = List.copyOf(counterIds);
        change(accountId, state -> {
            state.reset(ids, now);
            return Boolean.TRUE;
        });
    }

    @Override
    public void move(String fromAccountId, String toAccountId, Collection<String> counterIds, Instant now) {
        Objects.requireNonNull(toAccountId, "toAccountId");
        if (fromAccountId.equals(toAccountId)) {
            return;
        }
        List<String> ids = List.copyOf(counterIds);
        AccountState moved = change(fromAccountId, state -> state.detach(ids, toAccountId, now));
        if (!moved.isEmpty()) {
            change(toAccountId, state -> {
                state.attach(moved, now);
                return Boolean.TRUE;
            });
        }
    }

    @Override
    public void remove(String accountId, Collection<String> counterIds) {
        List<String> ids = List.copyOf(counterIds);
        change(accountId, state -> {
            state.remove(ids);
            return Boolean.TRUE;
        });
    }

    @Override
    public int reclaimExpired(Instant now) {
        int released = 0;
        for (String accountId : List.copyOf(accounts.keySet())) {
            released += change(accountId, state -> {
                int count = state.reclaimExpired(now);
                state.prune(now);
                return count;
            });
        }
        return released;
    }

    /** Runs one step on an account under its lock; an account left empty is dropped. */
    private <T> T change(String accountId, Function<AccountState, T> step) {
        while (true) {
            Slot slot = accounts.computeIfAbsent(accountId, id -> new Slot());
            slot.lock.lock();
            try {
                if (accounts.get(accountId) != slot) {
                    continue; // dropped while we waited for its lock
                }
                T result = step.apply(slot.state);
                if (slot.state.isEmpty()) {
                    accounts.remove(accountId, slot);
                }
                return result;
            } finally {
                slot.lock.unlock();
            }
        }
    }

    private static List<CounterView> concat(List<CounterView> before, List<CounterView> next) {
        List<CounterView> all = new ArrayList<>(before);
        all.addAll(next);
        return all;
    }

    private static final class Slot {
        private final ReentrantLock lock = new ReentrantLock();
        private final AccountState state = AccountState.create();
    }
}
