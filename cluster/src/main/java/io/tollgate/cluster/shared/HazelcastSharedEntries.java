package io.tollgate.cluster.shared;

import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.InvalidConfigurationException;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.tollgate.cluster.grid.Grid;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Shared entries in a Hazelcast map of the member's cluster. The map is configured before its first use, the same
 * way on every member: one synchronous backup, no persistence, values kept serialized ({@code BINARY}: they are
 * opaque bytes, never read in place), least recently used entries evicted above the bound on each member
 * ({@code PER_NODE}), statistics on; no split-brain protection (a cache may serve from a minority side). Keys and
 * values travel as Hazelcast's native {@code String} and {@code byte[]}, listeners stay on the member that
 * registered them, so nothing uses Java serialization.
 *
 * <p>The bound is approximate: Hazelcast evicts per partition, each holding at most
 * {@code max(1, floor(bound × members / partitions))} entries (271 partitions by default), the least recently used
 * of a sample going first. A member so holds at most about the bound (3 per partition, 813, for a bound of 1000 on
 * one member), and at least one entry per partition it owns even when the bound is smaller.
 */
public final class HazelcastSharedEntries implements SharedEntries {

    /** Deletes sent at once by {@link #removeAll}, so a long list never floods the grid. */
    private static final int DELETE_BATCH = 256;

    private final IMap<String, byte[]> map;
    private final Set<HazelcastSubscription> subscriptions = ConcurrentHashMap.newKeySet();

    private HazelcastSharedEntries(IMap<String, byte[]> map) {
        this.map = map;
    }

    /**
     * The shared entries map {@code name} of this member's cluster, configured on first use. Every member must ask
     * for the same bound under one name.
     *
     * @param maxEntriesPerMember the entries each member holds at most (approximately, see the class comment)
     * @throws IllegalArgumentException when {@code name} is blank or {@code maxEntriesPerMember} is not positive
     * @throws IllegalStateException when the cluster already configured {@code name} otherwise (another bound, or a
     *     map of another kind under that name)
     */
    public static HazelcastSharedEntries create(Grid grid, String name, int maxEntriesPerMember) {
        Objects.requireNonNull(grid, "grid");
        SharedEntriesChecks.name(name);
        SharedEntriesChecks.bound("maxEntriesPerMember", maxEntriesPerMember);
        HazelcastInstance instance = grid.instance();
        configure(instance, name, maxEntriesPerMember);
        return new HazelcastSharedEntries(instance.getMap(name));
    }

    /** The configuration every member adds for the map {@code name}. */
    static MapConfig mapConfig(String name, int maxEntriesPerMember) {
        MapConfig config = new MapConfig(name)
                .setBackupCount(1)
                .setAsyncBackupCount(0)
                .setInMemoryFormat(InMemoryFormat.BINARY)
                .setStatisticsEnabled(true);
        config.getEvictionConfig()
                .setEvictionPolicy(EvictionPolicy.LRU)
                .setMaxSizePolicy(MaxSizePolicy.PER_NODE)
                .setSize(maxEntriesPerMember);
        return config;
    }

    /**
     * Adds the map's configuration cluster-wide (Hazelcast's dynamic configuration, which every member and every
     * member that joins later receives), unless this member already has the same one; checks it is in force.
     *
     * <p>A configuration that differs is refused here, before anything is sent: refused by another member, the
     * refusal would come back as a Java-serialized exception, which a Helidon server's filter may reject, leaving the
     * call to hang until its timeout.
     */
    private static void configure(HazelcastInstance instance, String name, int maxEntriesPerMember) {
        MapConfig wanted = mapConfig(name, maxEntriesPerMember);
        MapConfig existing = instance.getConfig().getMapConfigOrNull(name);
        if (existing == null || !existing.getName().equals(name)) {
            try {
                instance.getConfig().addMapConfig(wanted);
            } catch (InvalidConfigurationException e) {
                throw conflict(name, wanted, e.getMessage());
            }
            existing = instance.getConfig().findMapConfig(name);
        }
        if (!existing.getName().equals(name) || !describe(existing).equals(describe(wanted))) {
            throw conflict(name, wanted, "in force: '" + existing.getName() + "' " + describe(existing));
        }
    }

    private static IllegalStateException conflict(String name, MapConfig wanted, String why) {
        return new IllegalStateException("shared entries map '" + name + "' is already configured otherwise in this"
                + " cluster; every member must use the same bound for it (this one asked for " + describe(wanted)
                + "; " + why + ")");
    }

    /** What this class sets, as text: two configurations that read the same behave the same here. */
    private static String describe(MapConfig config) {
        return config.getInMemoryFormat() + ", " + config.getBackupCount() + "+" + config.getAsyncBackupCount()
                + " backups, " + config.getEvictionConfig().getEvictionPolicy() + " "
                + config.getEvictionConfig().getMaxSizePolicy() + " " + config.getEvictionConfig().getSize()
                + (config.getMapStoreConfig().isEnabled() ? ", map store" : ", no map store");
    }

    /**
     * {@inheritDoc} Hazelcast keeps expiry times in whole seconds and truncates: a probe's 1 s entries expired
     * anywhere from 40 ms to 1 s after the put, and 300 ms ones at once. The time to live is therefore rounded up to
     * whole seconds plus one, so an entry lives at least {@code ttl} and at most 2 s longer. The stage completes on a
     * grid thread: chain only quick, non-blocking work to it.
     */
    @Override
    public CompletionStage<Void> put(String key, byte[] value, Duration ttl) {
        SharedEntriesChecks.entry(key, value, ttl);
        long seconds = ttl.toSeconds() + (ttl.toNanosPart() > 0 ? 1 : 0) + 1;
        CompletableFuture<Void> stored = new CompletableFuture<>();
        // completed on the grid thread that sees the answer: Hazelcast's default for callbacks is the common
        // fork-join pool, which on a 2-core machine (parallelism 1) means a new thread per callback
        map.setAsync(key, value, Math.min(seconds, Integer.MAX_VALUE), TimeUnit.SECONDS)
                .whenCompleteAsync((done, failure) -> {
                    if (failure != null) {
                        stored.completeExceptionally(failure);
                    } else {
                        stored.complete(null);
                    }
                }, Runnable::run);
        return stored;
    }

    @Override
    public Optional<byte[]> get(String key) {
        return Optional.ofNullable(map.get(Objects.requireNonNull(key, "key")));
    }

    @Override
    public void remove(String key) {
        map.delete(Objects.requireNonNull(key, "key"));
    }

    /**
     * {@inheritDoc} Sends the deletes to the keys' owners at once (in batches of {@value #DELETE_BATCH}) and waits
     * for all: one round trip per batch, not per key. A key predicate would instead be evaluated against every entry
     * on every member.
     */
    @Override
    public void removeAll(Collection<String> keys) {
        List<String> distinct = List.copyOf(new LinkedHashSet<>(keys));
        for (int from = 0; from < distinct.size(); from += DELETE_BATCH) {
            List<CompletableFuture<Boolean>> deletes = new ArrayList<>();
            for (String key : distinct.subList(from, Math.min(distinct.size(), from + DELETE_BATCH))) {
                deletes.add(map.deleteAsync(key).toCompletableFuture());
            }
            try {
                CompletableFuture.allOf(deletes.toArray(CompletableFuture[]::new)).join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
    }

    @Override
    public void clear() {
        map.clear();
    }

    @Override
    public int size() {
        return map.size();
    }

    @Override
    public Subscription subscribe(Listener listener) {
        HazelcastSubscription subscription = new HazelcastSubscription(map, Objects.requireNonNull(listener,
                "listener"), subscriptions::remove);
        subscriptions.add(subscription);
        subscription.open();
        return subscription;
    }

    @Override
    public void close() {
        List.copyOf(subscriptions).forEach(HazelcastSubscription::close);
    }
}
