package io.tollgate.cluster.grid;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.MapStore;
import java.util.Map;
import java.util.Objects;

/**
 * The embedded Hazelcast member. Every Tollgate map keeps one synchronous backup; maps given a {@link MapStore}
 * are written through (a change is in the database before the operation returns) and loaded eagerly at start, so
 * a restarted cluster has every definition and every settled cent back. Only this module sees the instance.
 */
public final class Grid implements AutoCloseable {

    private final HazelcastInstance instance;

    private Grid(HazelcastInstance instance) {
        this.instance = instance;
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
        config.getSerializationConfig().addDataSerializableFactory(GridSerialization.FACTORY_ID,
                new GridSerialization());
        var network = config.getNetworkConfig();
        network.setPort(settings.port() == 0 ? 5701 : settings.port()).setPortAutoIncrement(true).setPortCount(200);
        network.getInterfaces().setEnabled(true).addInterface(settings.host());
        config.setProperty("hazelcast.local.localAddress", settings.host());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(settings.members().isEmpty()
                ? java.util.List.of(settings.host()) : settings.members());
        MapConfig defaults = new MapConfig("tollgate.*")
                .setBackupCount(1)
                .setInMemoryFormat(InMemoryFormat.OBJECT);
        config.addMapConfig(defaults);
        stores.forEach((name, store) -> config.addMapConfig(new MapConfig(name)
                .setBackupCount(1)
                .setInMemoryFormat(InMemoryFormat.OBJECT)
                .setMapStoreConfig(new MapStoreConfig()
                        .setEnabled(true)
                        .setImplementation(store)
                        .setWriteDelaySeconds(0)
                        .setInitialLoadMode(MapStoreConfig.InitialLoadMode.EAGER))));
        return new Grid(Hazelcast.newHazelcastInstance(config));
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
