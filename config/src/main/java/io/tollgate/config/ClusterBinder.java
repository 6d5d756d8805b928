package io.tollgate.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Binds the {@code cluster} section. A cluster that can meet other members needs a store they share: the
 * embedded database is one node's file, so it is refused with the reason. A {@code host} that is a wildcard or a
 * public address is refused unless {@code allow_public_interface} is set: member traffic is not encrypted.
 */
final class ClusterBinder {

    /** Keys allowed under {@code cluster}. */
    static final Set<String> CLUSTER_KEYS = Set.of("name", "host", "port", "members", "multicast", "kubernetes",
            "quorum", "on_partition", "allow_public_interface");
    /** Keys allowed under {@code cluster.kubernetes}. */
    static final Set<String> KUBERNETES_KEYS = Set.of("namespace", "service_name");

    private ClusterBinder() {
    }

    static ClusterConfig bind(ConfigNode node, StoreConfig store) {
        node.requireKeys(CLUSTER_KEYS);
        String name = node.required("name").nonBlankString();
        String host = node.field("host").map(ConfigNode::nonBlankString).orElse("127.0.0.1");
        int port = node.intOr("port", 5701);
        List<String> members = node.field("members").map(ConfigNode::list).orElse(List.of()).stream()
                .map(ConfigNode::nonBlankString).toList();
        boolean multicast = node.boolOr("multicast", false);
        Optional<ClusterConfig.Kubernetes> kubernetes = node.field("kubernetes").map(k -> {
            k.requireKeys(KUBERNETES_KEYS);
            String namespace = k.required("namespace").nonBlankString();
            String service = k.required("service_name").nonBlankString();
            return new ClusterConfig.Kubernetes(namespace, service);
        });
        int quorum = node.intOr("quorum", 0);
        ClusterConfig.OnPartition onPartition = node.field("on_partition")
                .map(value -> value.oneOf(ClusterConfig.OnPartition.values()))
                .orElse(ClusterConfig.OnPartition.CLOSED);
        boolean allowPublic = node.boolOr("allow_public_interface", false);
        if (!allowPublic) {
            node.field("host").ifPresent(value -> refusePublicHost(value, host));
        }
        ClusterConfig cluster = node.build(CLUSTER_KEYS, () -> new ClusterConfig(name, host, port, members, multicast,
                kubernetes, quorum, onPartition, allowPublic));
        if (cluster.joinsOthers() && store.embedded()) {
            throw node.error("a cluster of several nodes needs a store they share: set store.url to a PostgreSQL "
                    + "database (the embedded store is one node's file, so nodes would each keep their own spend)");
        }
        return cluster;
    }

    /**
     * Refuses a wildcard or public member address (see {@link MemberAddresses}); a host name is resolved and each
     * of its addresses checked.
     */
    private static void refusePublicHost(ConfigNode value, String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException unknown) {
            throw value.error("cannot resolve " + ProblemText.quote(host) + " to an address");
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = MemberAddresses.refusal(address);
            if (refusal.isPresent()) {
                boolean literal = host.contains(":") || host.matches("\\d+(\\.\\d+){3}");
                String shown = literal ? host : host + " (" + address.getHostAddress() + ")";
                throw value.error(shown + " is " + refusal.get() + ", and Hazelcast sends member traffic "
                        + "unencrypted: bind the member to a private address (" + MemberAddresses.PRIVATE_RANGES
                        + "), or set cluster.allow_public_interface: true if every network between the members is "
                        + "trusted");
            }
        }
    }
}
