package io.tollgate.cluster.ledger.hazelcast;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import io.tollgate.cluster.grid.Grid;
import io.tollgate.cluster.ledger.AccountAnswer;
import io.tollgate.cluster.ledger.AccountState;
import io.tollgate.cluster.ledger.Admission;
import io.tollgate.cluster.ledger.AdmissionRequest;
import io.tollgate.cluster.ledger.BudgetLedger;
import io.tollgate.cluster.ledger.CounterView;
import io.tollgate.cluster.ledger.LeaseGrant;
import io.tollgate.cluster.ledger.LeaseRequest;
import io.tollgate.cluster.ledger.LedgerUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The {@link BudgetLedger} of a cluster: one entry per account in the map {@value #MAP_NAME}, each step one entry
 * processor run on the member owning the account (one network round trip from any other member; never a
 * read-modify-write over the network). {@link #allCounters} and {@link #reclaimExpired} run on every entry.
 * Thread-safe. Every grid or store failure surfaces as {@link LedgerUnavailableException}; invalid arguments are
 * refused with {@link IllegalArgumentException} before anything is sent.
 */
public final class HazelcastBudgetLedger implements BudgetLedger {

    /** The map holding one {@link AccountState} per account id. */
    public static final String MAP_NAME = "tollgate.accounts";
    /** How long a step is sent again while the grid's members change. */
    static final long MEMBERS_CHANGING_MILLIS = 15_000;
    private static final long RETRY_PAUSE_MILLIS = 100;

    private final IMap<String, AccountState> accounts;

    private HazelcastBudgetLedger(IMap<String, AccountState> accounts) {
        this.accounts = accounts;
    }

    /** The ledger of this member's cluster. */
    /**
     * The stored form of an account for the database: its binary format (which starts with its version byte) in
     * Base64. Accounts hold their counters, reservations in flight and recent tombstones only, so a write stays small.
     */
    public static io.tollgate.cluster.store.Codec<AccountState> codec() {
        return new io.tollgate.cluster.store.Codec<>() {
            @Override
            public String encode(AccountState value) {
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(256);
                try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
                    value.writeTo(out);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return java.util.Base64.getEncoder().encodeToString(bytes.toByteArray());
            }

            @Override
            public AccountState decode(String text) {
                try (java.io.DataInputStream in = new java.io.DataInputStream(
                        new java.io.ByteArrayInputStream(java.util.Base64.getDecoder().decode(text)))) {
                    return AccountState.readFrom(in);
                } catch (java.io.IOException | RuntimeException e) {
                    throw new IllegalArgumentException("not a stored account: " + e.getMessage(), e);
                }
            }
        };
    }

    public static HazelcastBudgetLedger create(Grid grid) {
        Objects.requireNonNull(grid, "grid");
        return new HazelcastBudgetLedger(grid.instance().getMap(MAP_NAME));
    }

    @Override
    public Admission admit(AdmissionRequest request) {
        AccountState.checkAdmission(request);
        return onAccount(request.accountId(), "admitting request '" + request.requestId() + "'",
                new AdmitProcessor(request)).answer().answer();
    }

    @Override
    public Admission extend(String accountId, String requestId, long moreNanos, long moreTokens, Instant now) {
        AccountState.checkAmounts("extension", moreNanos, moreTokens);
        return AccountAnswer.follow(accountId,
                account -> onAccount(account, "extending request '" + requestId + "'",
                        new ExtendProcessor(requestId, moreNanos, moreTokens, now)).answer(),
                (before, next) -> next);
    }

    @Override
    public List<CounterView> settle(String accountId, String requestId, long costNanos, long tokens, Instant now) {
        AccountState.checkAmounts("settlement", costNanos, tokens);
        return AccountAnswer.follow(accountId,
                account -> onAccount(account, "settling request '" + requestId + "'",
                        new SettleProcessor(requestId, costNanos, tokens, now)).answer(),
                HazelcastBudgetLedger::concat);
    }

    @Override
    public LeaseGrant lease(LeaseRequest request) {
        AccountAnswer<LeaseGrant> answer = onAccount(request.accountId(), "stepping lease '" + request.leaseId() + "'",
                new LeaseProcessor(request)).answer();
        for (int hop = 1; answer.forwardTo().isPresent() && hop < AccountAnswer.MAX_HOPS; hop++) {
            answer = onAccount(answer.forwardTo().get(), "closing moved lease '" + request.leaseId() + "'",
                    new LeaseProcessor(request.closing())).answer();
        }
        return answer.answer();
    }

    @Override
    public List<CounterView> counters(String accountId, Instant now) {
        return onAccount(accountId, "reading counters", new CountersProcessor(now)).answer().answer();
    }

    @Override
    public List<CounterView> allCounters(Instant now) {
        Map<String, ViewsReply> replies = new TreeMap<>(onEveryAccount("listing counters", new CountersProcessor(now)));
        List<CounterView> all = new ArrayList<>();
        replies.values().forEach(reply -> all.addAll(reply.answer().answer()));
        return all;
    }

    @Override
    public void reset(String accountId, Collection<String> counterIds, Instant now) {
        onAccount(accountId, "resetting counters", new ResetProcessor(List.copyOf(counterIds), now));
    }

    @Override
    public void move(String fromAccountId, String toAccountId, Collection<String> counterIds, Instant now) {
        Objects.requireNonNull(toAccountId, "toAccountId");
        if (fromAccountId.equals(toAccountId)) {
            return;
        }
        AccountState moved = onAccount(fromAccountId, "moving counters to account '" + toAccountId + "'",
                new DetachProcessor(List.copyOf(counterIds), toAccountId, now));
        if (moved == null || moved.isEmpty()) {
            return;
        }
        try {
            onAccount(toAccountId, "receiving counters from account '" + fromAccountId + "'",
                    new AttachProcessor(moved, now));
        } catch (LedgerUnavailableException e) {
            try {
                onAccount(fromAccountId, "putting back counters that could not move", new AttachProcessor(moved, now));
            } catch (LedgerUnavailableException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
    }

    @Override
    public void remove(String accountId, Collection<String> counterIds) {
        onAccount(accountId, "removing counters", new RemoveProcessor(List.copyOf(counterIds)));
    }

    @Override
    public int reclaimExpired(Instant now) {
        return onEveryAccount("reclaiming expired reservations", new ReclaimProcessor(now)).values().stream()
                .mapToInt(Integer::intValue).sum();
    }

    /**
     * One step on the account's owner. While the grid's members change (one died or left, partitions move, a backup
     * was not acknowledged) the step is sent again for up to {@value #MEMBERS_CHANGING_MILLIS} ms, longer than the
     * grid takes to notice a dead member: every step is safe to repeat (request ids, lease step numbers; a repeated
     * extension only holds more until its settlement), and a request would rather wait than fail while a node dies.
     */
    private <R> R onAccount(String accountId, String what, EntryProcessor<String, AccountState, R> step) {
        Objects.requireNonNull(accountId, "accountId");
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MEMBERS_CHANGING_MILLIS);
        while (true) {
            try {
                return accounts.executeOnKey(accountId, step);
            } catch (RuntimeException e) {
                LedgerUnavailableException failure = new LedgerUnavailableException("budget ledger unavailable: "
                        + what + " on account '" + accountId + "' failed: " + e, e);
                if (!failure.membersChanging() || System.nanoTime() > deadline) {
                    throw failure;
                }
                try {
                    Thread.sleep(RETRY_PAUSE_MILLIS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw failure;
                }
            }
        }
    }

    private <R> Map<String, R> onEveryAccount(String what, EntryProcessor<String, AccountState, R> step) {
        try {
            return accounts.executeOnEntries(step);
        } catch (RuntimeException e) {
            throw new LedgerUnavailableException("budget ledger unavailable: " + what + " failed: " + e, e);
        }
    }

    private static List<CounterView> concat(List<CounterView> before, List<CounterView> next) {
        List<CounterView> all = new ArrayList<>(before);
        all.addAll(next);
        return all;
    }
}
