package io.tollgate.bench;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.MapStore;
import io.tollgate.cluster.grid.Grid;
import io.tollgate.cluster.grid.GridSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Starts the Hazelcast members a benchmark runs on, each cluster under a name of its own (so nothing joins another
 * benchmark or a test running on the same machine), and waits until they are ready to measure: every member sees
 * every other and no partition is migrating or missing its backup.
 */
final class Members {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private Members() {
    }

    /** A unique cluster name. */
    static String clusterName() {
        return "bench-" + UUID.randomUUID();
    }

    /** One member on loopback, its maps persisted by {@code stores}; ready when this returns. */
    static Grid startOne(String clusterName, Map<String, MapStore<String, ?>> stores) {
        Grid grid = Grid.start(GridSettings.local(clusterName), stores);
        awaitReady(List.of(grid));
        return grid;
    }

    /** A second member joining {@code first}'s cluster over TCP; both ready (cluster size 2) when this returns. */
    static Grid join(Grid first) {
        int port = first.instance().getCluster().getLocalMember().getAddress().getPort();
        Grid second = Grid.start(new GridSettings(first.settings().clusterName(), "127.0.0.1", 0,
                List.of("127.0.0.1:" + port)), Map.of());
        try {
            awaitReady(List.of(first, second));
        } catch (RuntimeException e) {
            second.close();
            throw e;
        }
        return second;
    }

    /** A key of {@code prefix} whose partition {@code owner} owns. */
    static String keyOwnedBy(Grid owner, String prefix) {
        HazelcastInstance instance = owner.instance();
        Member target = instance.getCluster().getLocalMember();
        for (int i = 0; i < 100_000; i++) {
            String key = prefix + i;
            if (target.equals(instance.getPartitionService().getPartition(key).getOwner())) {
                return key;
            }
        }
        throw new IllegalStateException("no key '" + prefix + "<n>' is owned by " + target);
    }

    /**
     * Waits until every member sees all of them, then has the partitions assigned (Hazelcast assigns them lazily,
     * on first use: doing it now, with every member present, spares migrations later), then waits until no
     * partition is migrating or missing its backup.
     */
    private static void awaitReady(List<Grid> grids) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        await(grids, deadline, "see each other",
                grid -> grid.instance().getCluster().getMembers().size() == grids.size());
        grids.getFirst().instance().getPartitionService().getPartition("bench").getOwner();
        await(grids, deadline, "be cluster-safe", grid -> grid.instance().getPartitionService().isClusterSafe());
    }

    private static void await(List<Grid> grids, long deadline, String what, Predicate<Grid> condition) {
        while (!grids.stream().allMatch(condition)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the members of cluster '" + grids.getFirst().settings().clusterName()
                        + "' did not " + what + " within " + READY_TIMEOUT + "; member counts "
                        + grids.stream().map(grid -> grid.instance().getCluster().getMembers().size()).toList());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the members", e);
            }
        }
    }
}
