package io.tollgate.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a node joins its cluster. A node without a {@code cluster} section is a one-member cluster of its own.
 *
 * @param name the cluster's name; only members with the same name join
 * @param host the address this member binds and advertises
 * @param port the member port (Hazelcast), {@code 5701} by default; 0 picks a free one
 * @param members other members' {@code host:port} (or {@code host}) to join over TCP
 * @param multicast join by multicast discovery (off by default)
 * @param kubernetes join through Kubernetes discovery, if set
 * @param quorum split-brain protection: the fewest members that may change budgets and windows; 0 for none. With
 *     a quorum of 2 out of 3, a lone member fails closed (or serves, see {@code onPartition})
 * @param onPartition what a member without quorum does with requests that need the ledger
 * @param allowPublicInterface lets {@code host} be a wildcard or a public address; off by default, since member
 *     traffic is not encrypted
 */
public record ClusterConfig(String name, String host, int port, List<String> members, boolean multicast,
                            Optional<Kubernetes> kubernetes, int quorum, OnPartition onPartition,
                            boolean allowPublicInterface) {

    /** What a member that lost its quorum does with governed requests. */
    public enum OnPartition {
        /** Refuse them with 503 (the default): no budget is ever settled inexactly. */
        CLOSED,
        /** Serve them and record the spend when the sides merge. */
        OPEN
    }

    /**
     * Kubernetes discovery.
     *
     * @param namespace the namespace of the pods
     * @param serviceName the headless service that selects the members
     */
    public record Kubernetes(String namespace, String serviceName) {
        public Kubernetes {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(serviceName, "serviceName");
        }
    }

    public ClusterConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(kubernetes, "kubernetes");
        Objects.requireNonNull(onPartition, "onPartition");
        members = List.copyOf(members);
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        if (quorum < 0) {
            throw new IllegalArgumentException("quorum must not be negative, was " + quorum);
        }
    }

    /** True when this member may meet others (members listed, multicast or Kubernetes). */
    public boolean joinsOthers() {
        return !members.isEmpty() || multicast || kubernetes.isPresent();
    }
}
