package io.tollgate.cluster.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MaxSizePolicy;
import io.tollgate.cluster.grid.Grid;
import io.tollgate.cluster.grid.GridSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract on a two-member cluster in one JVM that refuses Java deserialization of our classes (as a node
 * does), each test on a map of its own; then what takes several members: events and rebuilds across members, the map's
 * configuration, and entries outliving a member that dies.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class HazelcastSharedEntriesIT extends SharedEntriesContract {

    static {
        io.tollgate.cluster.testing.NodeSerialFilter.install();
    }

    /** Two members per partition and member: 271 partitions, 2 members. */
    private static final int BOUND = 271;

    private static String cluster;
    private static Grid first;
    private static Grid second;

    @BeforeAll
    static void startMembers() {
        cluster = "se-" + UUID.randomUUID();
        first = Grid.start(GridSettings.local(cluster), Map.of());
        second = join(first);
    }

    /**
     * Starts a member that joins {@code member}'s cluster and waits until the partitions have settled: an operation
     * on a partition in migration is answered with an exception that travels with Java serialization and is
     * retried until the partitions settle.
     */
    private static Grid join(Grid member) {
        int port = member.instance().getCluster().getLocalMember().getAddress().getPort();
        Grid joined = Grid.start(new GridSettings(cluster, "127.0.0.1", 0, List.of("127.0.0.1:" + port)), Map.of());
        awaitSafe(member, joined.instance().getCluster().getMembers().size());
        return joined;
    }

    /** Waits until {@code member} sees {@code members} members and every partition has all its copies. */
    private static void awaitSafe(Grid member, int members) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (member.instance().getCluster().getMembers().size() != members
                || !member.instance().getPartitionService().isClusterSafe()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the cluster did not settle: " + member.instance().getCluster().getMembers());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    @AfterAll
    static void stopMembers() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    private static String mapName() {
        // under the static wildcard "tollgate.*" on purpose: the map's own configuration must still win
        return "tollgate.shared-test-" + UUID.randomUUID();
    }

    @Override
    SharedEntries create(int maxEntries) {
        return HazelcastSharedEntries.create(first, mapName(), maxEntries);
    }

    @Override
    void letExpire(SharedEntries entries, String key) {
        // Hazelcast's background expiry visits a few partitions every 5 s, so its event may come much later; a read
        // of an expired entry removes it at once, with the event
        long deadline = System.nanoTime() + patience().toNanos();
        while (entries.get(key).isPresent()) {
            assertThat(System.nanoTime()).as("'" + key + "' expired by now").isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    @Override
    Duration patience() {
        return Duration.ofSeconds(12);
    }

    @Override
    int bound() {
        return BOUND;
    }

    @Override
    int members() {
        return 2;
    }

    @Test
    void shouldConfigureTheMapBeforeItsFirstUse() {
        String name = mapName();
        entries(name, first, ROOMY).put("k", bytes("v"), LONG).toCompletableFuture().join();

        for (Grid member : List.of(first, second)) {
            MapConfig config = member.instance().getConfig().findMapConfig(name);
            assertThat(config.getName()).isEqualTo(name);
            assertThat(config.getInMemoryFormat()).isEqualTo(InMemoryFormat.BINARY);
            assertThat(config.getBackupCount()).isEqualTo(1);
            assertThat(config.getAsyncBackupCount()).isZero();
            assertThat(config.getMapStoreConfig().isEnabled()).isFalse();
            assertThat(config.isStatisticsEnabled()).isTrue();
            assertThat(config.getSplitBrainProtectionName()).isNull();
            assertThat(config.getEvictionConfig().getEvictionPolicy()).isEqualTo(EvictionPolicy.LRU);
            assertThat(config.getEvictionConfig().getMaxSizePolicy()).isEqualTo(MaxSizePolicy.PER_NODE);
            assertThat(config.getEvictionConfig().getSize()).isEqualTo(ROOMY);
        }
    }

    @Test
    void shouldAcceptTheSameBoundOnEveryMemberAndRefuseAnother() {
        String name = mapName();
        entries(name, first, ROOMY);
        entries(name, second, ROOMY);

        assertThatThrownBy(() -> HazelcastSharedEntries.create(second, name, 600))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("shared entries map '" + name + "' is already configured otherwise in this cluster;"
                        + " every member must use the same bound for it (this one asked for BINARY, 1+0 backups, LRU"
                        + " PER_NODE 600, no map store; in force: '" + name + "' BINARY, 1+0 backups, LRU PER_NODE"
                        + " 10000, no map store)");
    }

    @Test
    void shouldRefuseABlankNameAndABoundThatIsNotPositive() {
        assertThatThrownBy(() -> HazelcastSharedEntries.create(first, " ", 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shared entries name must not be blank, was ' '");
        assertThatThrownBy(() -> HazelcastSharedEntries.create(first, "tollgate.x", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shared entries maxEntriesPerMember must be positive, was 0");
    }

    @Test
    void shouldDeliverAnEntryPutOnOneMemberToAListenerOnTheOther() {
        String name = mapName();
        SharedEntries one = entries(name, first, ROOMY);
        SharedEntries two = entries(name, second, ROOMY);
        RecordingListener listener = listen(two);

        put(one, "k", "a", LONG);
        one.remove("k");

        listener.await("both events", seen -> seen.events().size() == 2, patience());
        assertThat(listener.events()).containsExactly("added k=a", "removed k REMOVED");
    }

    @Test
    void shouldRebuildOnAMemberThatSubscribesAfterTheEntriesExist() {
        String name = mapName();
        SharedEntries one = entries(name, first, ROOMY);
        List<String> keys = IntStream.range(0, 100).mapToObj(i -> "k" + i).toList();
        putAll(one, keys);
        SharedEntries two = entries(name, second, ROOMY);
        RecordingListener listener = listen(two);

        assertThat(listener.view()).as("delivered before subscribe returns").hasSize(100)
                .isEqualTo(contents(one, keys));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldKeepTheEntriesWhenAMemberDies() {
        String name = mapName();
        SharedEntries one = entries(name, first, ROOMY);
        Grid third = join(first);
        List<String> keys = IntStream.range(0, 200).mapToObj(i -> "k" + i).toList();
        try {
            entries(name, third, ROOMY);
            putAll(one, keys);
            assertThat(third.instance().getMap(name).getLocalMapStats().getOwnedEntryCount())
                    .as("the dying member owns some entries").isPositive();
        } finally {
            third.instance().getLifecycleService().terminate();
        }

        assertThat(contents(one, keys)).as("every entry, from a backup where the dead member owned it").hasSize(200);
        assertThat(one.size()).isEqualTo(200);
        awaitSafe(first, 2); // the other tests need settled partitions
    }

    private SharedEntries entries(String name, Grid member, int maxEntries) {
        SharedEntries entries = HazelcastSharedEntries.create(member, name, maxEntries);
        closeLater(entries);
        return entries;
    }

    private static void putAll(SharedEntries entries, List<String> keys) {
        CompletableFuture.allOf(keys.stream().map(key -> entries.put(key, bytes(key), LONG).toCompletableFuture())
                .toArray(CompletableFuture[]::new)).join();
    }
}
