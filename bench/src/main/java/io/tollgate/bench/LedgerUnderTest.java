package io.tollgate.bench;

import com.hazelcast.map.MapStore;
import io.tollgate.cluster.grid.Grid;
import io.tollgate.cluster.ledger.BudgetLedger;
import io.tollgate.cluster.ledger.InMemoryBudgetLedger;
import io.tollgate.cluster.ledger.LeasingLedger;
import io.tollgate.cluster.ledger.hazelcast.HazelcastBudgetLedger;
import io.tollgate.cluster.store.JdbcMapStore;
import io.tollgate.cluster.store.StateStore;
import io.tollgate.config.LeaseConfig;
import io.tollgate.config.StoreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One budget ledger variant with everything it runs on (members, database), and the account the benchmark charges:
 * one the calling member owns, or, for {@value #REMOTE_OWNER}, one the other member owns. {@link #close()} stops
 * everything in reverse order and fails if a thread it started is still alive shortly after.
 */
final class LedgerUnderTest implements AutoCloseable {

    /** {@link InMemoryBudgetLedger}: the floor, no grid. */
    static final String IN_MEMORY = "inMemory";
    /** A one-member grid: the account's partition is on the calling member, no backup to wait for. */
    static final String LOCAL_OWNER = "hazelcastLocalOwner";
    /** Two members in this JVM; the account's partition is on the calling member, its backup on the other. */
    static final String LOCAL_OWNER_WITH_BACKUP = "hazelcastLocalOwnerWithBackup";
    /** Two members in this JVM; the account's partition is on the other member, the caller holds the backup. */
    static final String REMOTE_OWNER = "hazelcastRemoteOwner";
    /** A one-member grid writing the account through to an embedded H2 file: a single node as configured. */
    static final String LOCAL_OWNER_H2_STORE = "hazelcastLocalOwnerH2Store";
    /** {@link #LOCAL_OWNER_WITH_BACKUP} behind the node's {@link LeasingLedger}, as a node runs it by default. */
    static final String LEASED_LOCAL_OWNER_WITH_BACKUP = "leasedLocalOwnerWithBackup";
    /** {@link #REMOTE_OWNER} behind the node's {@link LeasingLedger}. */
    static final String LEASED_REMOTE_OWNER = "leasedRemoteOwner";
    /** {@link #LOCAL_OWNER_H2_STORE} behind the node's {@link LeasingLedger}: a single node as configured. */
    static final String LEASED_LOCAL_OWNER_H2_STORE = "leasedLocalOwnerH2Store";

    /** How long stopped members and pools may take to end their threads. */
    private static final Duration THREADS_GRACE = Duration.ofSeconds(10);

    private final BudgetLedger ledger;
    private final String accountId;
    private final Deque<AutoCloseable> resources;
    private final ThreadWatch threads;

    private LedgerUnderTest(BudgetLedger ledger, String accountId, Deque<AutoCloseable> resources,
                            ThreadWatch threads) {
        this.ledger = ledger;
        this.accountId = accountId;
        this.resources = resources;
        this.threads = threads;
    }

    /**
     * Starts a variant.
     *
     * @param variant one of the constants of this class
     * @param clock the time the leasing variants' flusher sees (the benchmark's simulated time)
     * @throws IllegalArgumentException for another name
     * @throws IllegalStateException when the members do not get ready in time
     */
    static LedgerUnderTest start(String variant, Supplier<Instant> clock) {
        ThreadWatch threads = ThreadWatch.start();
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        try {
            Ledger started = switch (variant) {
                case IN_MEMORY -> new Ledger(InMemoryBudgetLedger.create(), GovernancePath.ACCOUNT);
                case LOCAL_OWNER -> oneMember(resources, Map.of());
                case LOCAL_OWNER_WITH_BACKUP -> twoMembers(resources, false);
                case REMOTE_OWNER -> twoMembers(resources, true);
                case LOCAL_OWNER_H2_STORE -> oneMemberOnH2(resources);
                case LEASED_LOCAL_OWNER_WITH_BACKUP -> leased(resources, twoMembers(resources, false), 2, clock);
                case LEASED_REMOTE_OWNER -> leased(resources, twoMembers(resources, true), 2, clock);
                case LEASED_LOCAL_OWNER_H2_STORE -> leased(resources, oneMemberOnH2(resources), 1, clock);
                default -> throw new IllegalArgumentException("unknown ledger variant '" + variant + "'; use "
                        + String.join(", ", IN_MEMORY, LOCAL_OWNER, LOCAL_OWNER_WITH_BACKUP, REMOTE_OWNER,
                        LOCAL_OWNER_H2_STORE, LEASED_LOCAL_OWNER_WITH_BACKUP, LEASED_REMOTE_OWNER,
                        LEASED_LOCAL_OWNER_H2_STORE));
            };
            return new LedgerUnderTest(started.ledger(), started.accountId(), resources, threads);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    /** The ledger under test. */
    BudgetLedger ledger() {
        return ledger;
    }

    /** The account to charge. */
    String accountId() {
        return accountId;
    }

    /**
     * Stops the members and the database, deletes the H2 directory.
     *
     * @throws IllegalStateException when a thread started with this variant is still alive a few seconds later
     */
    @Override
    public void close() {
        closeAll(resources);
        threads.awaitGone(THREADS_GRACE);
    }

    private static Ledger oneMember(Deque<AutoCloseable> resources, Map<String, MapStore<String, ?>> stores) {
        Grid grid = opened(resources, Members.startOne(Members.clusterName(), stores));
        return new Ledger(HazelcastBudgetLedger.create(grid), GovernancePath.ACCOUNT);
    }

    /** Calls from the first member, on an account owned by the second ({@code remote}) or by the first. */
    private static Ledger twoMembers(Deque<AutoCloseable> resources, boolean remote) {
        Grid caller = opened(resources, Members.startOne(Members.clusterName(), Map.of()));
        Grid other = opened(resources, Members.join(caller));
        String account = Members.keyOwnedBy(remote ? other : caller, GovernancePath.ACCOUNT + "_");
        return new Ledger(HazelcastBudgetLedger.create(caller), account);
    }

    /** The accounts map written through to an H2 file in a new temporary directory, as a single node runs it. */
    private static Ledger oneMemberOnH2(Deque<AutoCloseable> resources) {
        Path dir;
        try {
            dir = Files.createTempDirectory("tollgate-bench-h2-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for H2", e);
        }
        resources.push(() -> TempDirs.delete(dir));
        StateStore store = opened(resources, StateStore.open(new StoreConfig(Optional.empty(), Optional.empty(),
                Optional.empty(), dir)));
        return oneMember(resources, Map.of(HazelcastBudgetLedger.MAP_NAME,
                JdbcMapStore.create(store, HazelcastBudgetLedger.MAP_NAME, HazelcastBudgetLedger.codec())));
    }

    /** The node's leasing front on a grid ledger, with its default settings and background flusher. */
    private static Ledger leased(Deque<AutoCloseable> resources, Ledger grid, int members, Supplier<Instant> clock) {
        LeasingLedger leasing = opened(resources, LeasingLedger.create(grid.ledger(), LeaseConfig.DEFAULT,
                () -> members, clock));
        return new Ledger(leasing, grid.accountId());
    }

    private static <T extends AutoCloseable> T opened(Deque<AutoCloseable> resources, T resource) {
        resources.push(resource);
        return resource;
    }

    private static void closeAll(Deque<AutoCloseable> resources) {
        RuntimeException failure = null;
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("stopping the benchmark's ledger failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private record Ledger(BudgetLedger ledger, String accountId) {
    }
}
