package io.tollgate.cluster.grid;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.config.SerializerConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.map.MapStore;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionOn;
import com.hazelcast.spi.merge.PutIfAbsentMergePolicy;
import java.util.Map;
import java.util.Objects;

/**
 * The embedded Hazelcast member. Every Tollgate map keeps one synchronous backup; maps given a {@link MapStore}
 * are written through (a change is in the database before the operation returns) and loaded eagerly at start, so
 * a restarted cluster has every definition and every settled cent back. Only this module sees the instance.
 */
public final class Grid implements AutoCloseable {

    private final HazelcastInstance instance;
    private final GridSettings settings;

    private Grid(HazelcastInstance instance, GridSettings settings) {
        this.instance = instance;
        this.settings = settings;
    }

    /** The settings the member started with. */
    public GridSettings settings() {
        return settings;
    }

    /**
     * Starts a member.
     *
     * @param settings cluster name, address, port and other members
     * @param stores persistence by map name; maps not listed live in memory only
     */
    public static Grid start(GridSettings settings, Map<String, MapStore<String, ?>> stores) {
        Objects.requireNonNull(settings, "settings");
        Config config = new Config();
        config.setClusterName(settings.clusterName());
        config.setInstanceName(settings.clusterName() + "-" + System.nanoTime());
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        // an exception from a remote member travels back with Java serialization, which a running Helidon server's
        // deserialization filter refuses, so the call would hang until this timeout; keep it short
        config.setProperty("hazelcast.operation.call.timeout.millis", "10000");
        // a gateway fails over fast: a silent member is declared dead after 10 s (default 60 s), and the sides of a
        // healed split brain look for each other after 10 s and then every 5 s (defaults 300 s and 120 s)
        config.setProperty("hazelcast.heartbeat.interval.seconds", "2");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "10");
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "10");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
        // a change whose backup was not acknowledged (its owner is being cut off from the others) fails instead of
        // succeeding on a copy a later merge may throw away: every ledger step is safe to send again (request ids,
        // lease step numbers), so the caller keeps it and sends it again once the grid answers
        config.setProperty("hazelcast.operation.fail.on.indeterminate.state", "true");
        config.setProperty("hazelcast.operation.backup.timeout.millis", "5000");
        // maps configured at run time (shared entries: HazelcastSharedEntries) must win over the static wildcard
        // "tollgate.*" below; by default a static pattern match shadows a dynamic configuration of the exact name
        config.setProperty("hazelcast.data.search.dynamic.config.first.enabled", "true");
        config.getSerializationConfig().addDataSerializableFactory(GridSerialization.FACTORY_ID,
                new GridSerialization());
        config.getSerializationConfig().addSerializerConfig(new SerializerConfig()
                .setTypeClass(java.util.Properties.class).setImplementation(new PropertiesSerializer()));
        var network = config.getNetworkConfig();
        network.setPort(settings.port() == 0 ? 5701 : settings.port()).setPortAutoIncrement(true).setPortCount(200);
        if (settings.wildcardHost()) {
            // only with cluster.allow_public_interface: every interface, Hazelcast picks the address it advertises
            config.setProperty("hazelcast.socket.bind.any", "true");
        } else {
            // listen on the configured address only: by default Hazelcast binds 0.0.0.0 and merely advertises it
            config.setProperty("hazelcast.socket.bind.any", "false");
            network.getInterfaces().setEnabled(true).addInterface(settings.host());
            config.setProperty("hazelcast.local.localAddress", settings.host());
        }
        JoinConfig join = network.getJoin();
        join.getAutoDetectionConfig().setEnabled(false);
        join.getMulticastConfig().setEnabled(settings.multicast());
        if (settings.kubernetes().isPresent()) {
            join.getKubernetesConfig().setEnabled(true)
                    .setProperty("namespace", settings.kubernetes().get().namespace())
                    .setProperty("service-name", settings.kubernetes().get().serviceName());
        } else if (!settings.multicast()) {
            join.getTcpIpConfig().setEnabled(true).setMembers(settings.members().isEmpty()
                    ? java.util.List.of(settings.host()) : settings.members());
        }
        String protection = null;
        if (settings.quorum() > 1) {
            // the maps load from the store at start, which a member without quorum may not do: wait for it
            config.setProperty("hazelcast.initial.min.cluster.size", Integer.toString(settings.quorum()));
            protection = "tollgate-quorum";
            config.addSplitBrainProtectionConfig(new SplitBrainProtectionConfig(protection, true, settings.quorum())
                    .setProtectOn(SplitBrainProtectionOn.READ_WRITE));
        }
        config.addMapConfig(mapConfig("tollgate.*", protection));
        for (Map.Entry<String, MapStore<String, ?>> entry : stores.entrySet()) {
            config.addMapConfig(mapConfig(entry.getKey(), protection)
                .setMapStoreConfig(new MapStoreConfig()
                        .setEnabled(true)
                        .setImplementation(entry.getValue())
                        .setWriteDelaySeconds(0)
                        .setInitialLoadMode(MapStoreConfig.InitialLoadMode.EAGER)));
        }
        return new Grid(Hazelcast.newHazelcastInstance(config), settings);
    }

    /**
     * One synchronous backup; values kept as objects (entry processors work on them in place); split-brain
     * protection when a quorum is set; and, when two sides merge, the larger side's entries win
     * ({@code PutIfAbsentMergePolicy}): a side without quorum changed nothing, so nothing it holds is newer.
     */
    private static MapConfig mapConfig(String name, String protection) {
        MapConfig map = new MapConfig(name)
                .setBackupCount(1)
                .setInMemoryFormat(InMemoryFormat.OBJECT);
        map.getMergePolicyConfig().setPolicy(PutIfAbsentMergePolicy.class.getName());
        if (protection != null) {
            map.setSplitBrainProtectionName(protection);
        }
        return map;
    }

    /** The member, for this module's implementations only. */
    public HazelcastInstance instance() {
        return instance;
    }

    @Override
    public void close() {
        instance.shutdown();
    }
}
