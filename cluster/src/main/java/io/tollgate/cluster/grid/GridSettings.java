package io.tollgate.cluster.grid;

import java.util.List;
import java.util.Objects;

/**
 * How the embedded member joins its cluster.
 *
 * @param clusterName the cluster's name; members with another name never join
 * @param host the address to bind and advertise
 * @param port the first port to try; 0 picks a free one (tests)
 * @param members other members' {@code host:port} to join over TCP; empty for a one-member cluster
 * @param multicast join by multicast discovery
 * @param kubernetes Kubernetes discovery (namespace and service name), if used
 * @param quorum the fewest members that may change Tollgate's maps (split-brain protection); 0 for none
 */
public record GridSettings(String clusterName, String host, int port, List<String> members, boolean multicast,
                           java.util.Optional<io.tollgate.config.ClusterConfig.Kubernetes> kubernetes, int quorum) {

    /** TCP members only, no split-brain protection. */
    public GridSettings(String clusterName, String host, int port, List<String> members) {
        this(clusterName, host, port, members, false, java.util.Optional.empty(), 0);
    }

    /** The settings a node's {@code cluster} section asks for. */
    public static GridSettings of(io.tollgate.config.ClusterConfig cluster) {
        return new GridSettings(cluster.name(), cluster.host(), cluster.port(), cluster.members(),
                cluster.multicast(), cluster.kubernetes(), cluster.quorum());
    }

    public GridSettings {
        Objects.requireNonNull(kubernetes, "kubernetes");
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(host, "host");
        members = List.copyOf(members);
        if (clusterName.isBlank()) {
            throw new IllegalArgumentException("cluster name must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
    }

    /** True when {@code host} is the wildcard address of IPv4 or IPv6: the member listens on every interface. */
    public boolean wildcardHost() {
        if (!host.matches("\\d+(\\.\\d+){3}") && !host.contains(":")) {
            return false; // a host name, never looked up here
        }
        try {
            return java.net.InetAddress.getByName(host).isAnyLocalAddress(); // a literal: parsed, no lookup
        } catch (java.net.UnknownHostException notAnAddress) {
            return false;
        }
    }

    /** A one-member cluster on loopback with a free port and this name. */
    public static GridSettings local(String clusterName) {
        return new GridSettings(clusterName, "127.0.0.1", 0, List.of());
    }
}
