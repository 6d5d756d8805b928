package io.tollgate.cluster;

import com.hazelcast.map.MapStore;
import com.hazelcast.topic.ITopic;
import io.tollgate.cluster.access.AdminTokens;
import io.tollgate.cluster.access.AuditLog;
import io.tollgate.cluster.tags.TagValues;
import io.tollgate.cluster.alerts.AlertClaims;
import io.tollgate.cluster.alerts.HazelcastAlertClaims;
import io.tollgate.cluster.governance.GovernanceRegistry;
import io.tollgate.cluster.governance.HazelcastGovernanceRegistry;
import io.tollgate.cluster.governance.SeedReport;
import io.tollgate.cluster.grid.Grid;
import io.tollgate.cluster.health.HazelcastKeyHealth;
import io.tollgate.cluster.health.KeyHealth;
import io.tollgate.cluster.grid.GridSettings;
import io.tollgate.cluster.ledger.BudgetLedger;
import io.tollgate.cluster.ledger.LeasingLedger;
import io.tollgate.cluster.ledger.hazelcast.HazelcastBudgetLedger;
import io.tollgate.cluster.log.JdbcRequestLog;
import io.tollgate.cluster.log.RequestLog;
import io.tollgate.cluster.revenue.JdbcRevenueBook;
import io.tollgate.cluster.revenue.RevenueBook;
import io.tollgate.cluster.shared.HazelcastSharedEntries;
import io.tollgate.cluster.shared.SharedEntries;
import io.tollgate.cluster.reconcile.JdbcReconcileStore;
import io.tollgate.cluster.reconcile.ReconcileStore;
import io.tollgate.cluster.store.JdbcMapStore;
import io.tollgate.cluster.store.StateStore;
import io.tollgate.config.LeaseConfig;
import io.tollgate.config.TollgateConfig;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The cluster side of a node, assembled in one place: the state store (embedded H2 or PostgreSQL, migrated), the
 * grid member with write-through persistence of definitions and accounts, the budget ledger, the governance
 * registry with the configuration's seeds applied, the sweeper that reclaims reservations of requests that
 * vanished, and the request log in the store's database. {@link #close()} stops them in reverse order (the log
 * flushes before the store closes).
 */
public final class ClusterServices implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ClusterServices.class.getName());
    /** Member information, outside the {@code tollgate.*} maps so a minority side can still report. */
    private static final String MEMBERS_MAP = "members.tollgate";
    /** How often expired reservations are looked for, at most (a third of the reservation TTL when shorter). */
    private static final long RECLAIM_PERIOD_SECONDS = 15;
    /** How often lapsed alert claims are removed from the map and the store. */
    private static final long CLAIM_SWEEP_MINUTES = 10;
    /** Accounts charged outside any lease (ingested usage): each member sizes its leases on them again. */
    private static final String CHARGED_TOPIC = "tollgate.ledger.charged";

    private final StateStore store;
    private final Grid grid;
    private final BudgetLedger ledger;
    private final HazelcastKeyHealth keyHealth;
    private final HazelcastGovernanceRegistry registry;
    private final ScheduledExecutorService sweeper;
    private final SeedReport seeds;
    private final RequestLog requestLog;
    private final HazelcastAlertClaims alertClaims;
    private final RevenueBook revenue;
    private final io.tollgate.cluster.batch.BatchStore batches;
    private final io.tollgate.cluster.responses.ResponseStore responses;
    private final AdminTokens adminTokens;
    private final AuditLog audit;
    private final TagValues tagValues;
    private final ReconcileStore reconcile;

    private ClusterServices(StateStore store, Grid grid, BudgetLedger ledger, HazelcastGovernanceRegistry registry,
                            HazelcastKeyHealth keyHealth, ScheduledExecutorService sweeper, SeedReport seeds,
                            RequestLog requestLog, HazelcastAlertClaims alertClaims, ReconcileStore reconcile) {
        this.store = store;
        this.reconcile = reconcile;
        this.alertClaims = alertClaims;
        this.requestLog = requestLog;
        this.grid = grid;
        this.ledger = ledger;
        this.keyHealth = keyHealth;
        this.registry = registry;
        this.sweeper = sweeper;
        this.seeds = seeds;
        this.revenue = JdbcRevenueBook.create(store);
        this.adminTokens = AdminTokens.create(store);
        this.batches = io.tollgate.cluster.batch.BatchStore.create(store);
        this.responses = io.tollgate.cluster.responses.ResponseStore.create(store);
        this.audit = AuditLog.create(store);
        this.tagValues = TagValues.create(grid);
        if (ledger instanceof LeasingLedger leasing) {
            ITopic<String> charged = grid.instance().getTopic(CHARGED_TOPIC);
            charged.addMessageListener(message -> sweeper.execute(() -> revalidate(leasing,
                    message.getMessageObject())));
        }
    }

    private static void revalidate(LeasingLedger leasing, String accountId) {
        try {
            leasing.revalidate(accountId);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "sizing the leases of an account again failed; the next flush will", e);
        }
    }

    /**
     * Starts everything for this configuration. A node without a {@code cluster} section is a one-member cluster
     * with a name of its own, so nodes on one machine never join each other by accident.
     */
    public static ClusterServices start(TollgateConfig config, Clock clock) {
        StateStore store = StateStore.open(config.store());
        Grid grid = null;
        try {
            Map<String, MapStore<String, ?>> stores = new HashMap<>();
            HazelcastGovernanceRegistry.codecs().forEach((map, codec) ->
                    stores.put(map, JdbcMapStore.create(store, map, codec)));
            stores.put(HazelcastBudgetLedger.MAP_NAME,
                    JdbcMapStore.create(store, HazelcastBudgetLedger.MAP_NAME, HazelcastBudgetLedger.codec()));
            stores.put(HazelcastAlertClaims.MAP,
                    JdbcMapStore.create(store, HazelcastAlertClaims.MAP, HazelcastAlertClaims.codec()));
            stores.put(TagValues.MAP, JdbcMapStore.create(store, TagValues.MAP, TagValues.codec()));
            grid = Grid.start(config.cluster().map(GridSettings::of)
                    .orElseGet(() -> GridSettings.local("tollgate-" + UUID.randomUUID())), stores);
            BudgetLedger gridLedger = HazelcastBudgetLedger.create(grid);
            HazelcastGovernanceRegistry registry = HazelcastGovernanceRegistry.create(grid, gridLedger, clock,
                    config.providers().keySet());
            SeedReport seeds = registry.applySeeds(config.governance());
            LeaseConfig leases = config.governance().leases();
            Grid members = grid;
            BudgetLedger ledger = leases.enabled() ? LeasingLedger.create(gridLedger, leases,
                    () -> members.instance().getCluster().getMembers().size(), clock::instant) : gridLedger;
            ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                    .daemon().name("tollgate-reservation-sweeper").factory());
            long period = Math.max(1_000, Math.min(Math.min(RECLAIM_PERIOD_SECONDS * 1_000, leases.ttlMs() / 2),
                    config.governance().reservationTimeoutMs() / 3));
            sweeper.scheduleWithFixedDelay(() -> reclaim(gridLedger, clock), period, period, TimeUnit.MILLISECONDS);
            HazelcastAlertClaims alertClaims = HazelcastAlertClaims.create(grid, clock);
            sweeper.scheduleWithFixedDelay(() -> expireClaims(alertClaims), CLAIM_SWEEP_MINUTES, CLAIM_SWEEP_MINUTES,
                    TimeUnit.MINUTES);
            HazelcastKeyHealth keyHealth = HazelcastKeyHealth.create(grid);
            RequestLog requestLog = JdbcRequestLog.create(store, config.logging(), clock);
            ClusterServices services = new ClusterServices(store, grid, ledger, registry, keyHealth, sweeper, seeds,
                    requestLog, alertClaims, JdbcReconcileStore.create(store, clock));
            sweeper.scheduleWithFixedDelay(() -> purgeResponses(services.responses(), clock), 1, 60,
                    TimeUnit.MINUTES);
            return services;
        } catch (RuntimeException e) {
            if (grid != null) {
                grid.close();
            }
            store.close();
            throw e;
        }
    }

    private static void purgeResponses(io.tollgate.cluster.responses.ResponseStore responses, Clock clock) {
        try {
            responses.purge(clock.instant().minus(io.tollgate.cluster.responses.ResponseStore.RETENTION));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "purging old stored responses failed; will try again", e);
        }
    }

    private static void expireClaims(HazelcastAlertClaims claims) {
        try {
            claims.expire();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "removing lapsed alert claims failed; will try again", e);
        }
    }

    private static void reclaim(BudgetLedger ledger, Clock clock) {
        try {
            int reclaimed = ledger.reclaimExpired(clock.instant());
            if (reclaimed > 0) {
                LOG.info("reclaimed " + reclaimed + " reservations of requests that were never settled");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "reclaiming expired reservations failed; will try again", e);
        }
    }

    /** The Responses stored through the gateway, shared through the state store. */
    public io.tollgate.cluster.responses.ResponseStore responses() {
        return responses;
    }

    /** The batches submitted through the gateway and their input files, shared through the state store. */
    public io.tollgate.cluster.batch.BatchStore batches() {
        return batches;
    }

    /** The admin API tokens, shared by every node through the state store. */
    public AdminTokens adminTokens() {
        return adminTokens;
    }

    /** The append-only audit log of changes, shared by every node through the state store. */
    public AuditLog audit() {
        return audit;
    }

    /** The distinct values each request tag has taken across the cluster. */
    public TagValues tagValues() {
        return tagValues;
    }

    /** Revenue events and per-owner usage, for margins. */
    public RevenueBook revenue() {
        return revenue;
    }

    /**
     * Tells every member (this one at once, before returning) that an account was charged outside any lease, so
     * no member goes on admitting from a lease sized before the charge.
     */
    public void chargedOutsideLeases(String accountId) {
        if (ledger instanceof LeasingLedger leasing) {
            revalidate(leasing, accountId);
            try {
                grid.instance().<String>getTopic(CHARGED_TOPIC).publish(accountId);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not tell the other members about a charge on " + accountId
                        + "; their leases are sized again at their next flush", e);
            }
        }
    }

    /** The budget ledger. */
    public BudgetLedger ledger() {
        return ledger;
    }

    /**
     * Claims that make each alert go out once for the whole cluster, persisted in the store so a whole cluster
     * restart does not send them again.
     */
    public AlertClaims alertClaims() {
        return alertClaims;
    }

    /** The shared health of provider keys (cooling, dead). */
    public KeyHealth keyHealth() {
        return keyHealth;
    }

    /** The governance definitions. */
    public GovernanceRegistry registry() {
        return registry;
    }

    /**
     * The request log in the store's database. It runs whatever {@code logging.enabled} says: the caller decides
     * whether to offer rows; queries read what is there.
     */
    public RequestLog requestLog() {
        return requestLog;
    }

    /** What applying the configuration's seeds did. */
    public SeedReport seeds() {
        return seeds;
    }

    /**
     * A new handle on the shared entries map {@code name} (the response cache's entries): in memory only, one
     * backup, expiring entries and change events on every member. The map is configured on first use; every member
     * must pass the same bound for one name. Closing the handle removes its listeners; the entries stay.
     *
     * @param maxEntriesPerMember the entries each member holds at most, least recently used evicted first; the
     *     cluster holds up to members × this
     * @throws IllegalArgumentException when {@code name} is blank or {@code maxEntriesPerMember} is not positive
     * @throws IllegalStateException when the cluster already configured {@code name} with another bound
     */
    public SharedEntries sharedEntries(String name, int maxEntriesPerMember) {
        return HazelcastSharedEntries.create(grid, name, maxEntriesPerMember);
    }

    /**
     * The position of the request log's export to {@code sink} (a bucket and prefix), in the store's database, shared
     * by every node.
     */
    public io.tollgate.cluster.log.LogExport logExport(String sink) {
        return io.tollgate.cluster.log.JdbcLogExport.create(store, sink);
    }

    /** The imported provider figures and the gateway's daily sums, for reconciliation (in the store's database). */
    public ReconcileStore reconcile() {
        return reconcile;
    }

    /** True when the state store answers. */
    public boolean storeHealthy() {
        return store.healthy();
    }

    /** Publishes this node's information for the cluster status (every node does so every second). */
    public void publish(MemberInfo info) {
        members().set(grid.instance().getCluster().getLocalMember().getUuid().toString(), MemberInfoJson.write(info));
    }

    /** The cluster as this member sees it. */
    public ClusterStatus status() {
        var instance = grid.instance();
        var local = instance.getCluster().getLocalMember();
        var published = members();
        java.util.List<ClusterStatus.Member> list = new java.util.ArrayList<>();
        for (var member : instance.getCluster().getMembers()) {
            String json = published.get(member.getUuid().toString());
            var entry = new ClusterStatus.Member(member.getAddress().getHost() + ":" + member.getAddress().getPort(),
                    member.localMember(), java.util.Optional.ofNullable(json).flatMap(MemberInfoJson::read));
            if (member.localMember()) {
                list.add(0, entry);
            } else {
                list.add(entry);
            }
        }
        boolean quorumPresent = true;
        int quorum = grid.settings().quorum();
        if (quorum > 1) {
            quorumPresent = instance.getSplitBrainProtectionService()
                    .getSplitBrainProtection("tollgate-quorum").hasMinimumSize();
        }
        boolean safe = instance.getPartitionService().isClusterSafe();
        return new ClusterStatus(instance.getConfig().getClusterName(), safe, quorum, quorumPresent, list,
                store.dialect(), store.healthy());
    }

    private com.hazelcast.map.IMap<String, String> members() {
        return grid.instance().getMap(MEMBERS_MAP);
    }

    @Override
    public void close() {
        try {
            if (grid.instance().getLifecycleService().isRunning()) {
                members().remove(grid.instance().getCluster().getLocalMember().getUuid().toString());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "could not withdraw member information", e);
        }
        sweeper.shutdownNow();
        if (ledger instanceof LeasingLedger leasing) {
            try {
                leasing.close();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "giving back leases failed", e);
            }
        }
        keyHealth.close();
        try {
            registry.close();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "closing the registry failed", e);
        }
        try {
            requestLog.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "flushing the request log failed", e);
        }
        try {
            grid.close();
        } finally {
            store.close();
        }
    }
}
