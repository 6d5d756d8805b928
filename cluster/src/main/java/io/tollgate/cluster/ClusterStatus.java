package io.tollgate.cluster;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The cluster as one member sees it.
 *
 * @param name the cluster's name
 * @param partitionsSafe true when every partition has its backups (no member's data at risk)
 * @param quorumRequired the quorum of split-brain protection, 0 when none is configured
 * @param quorumPresent true when the quorum is met (always true without one)
 * @param members every member, this one first
 * @param storeKind {@code h2} or {@code postgresql}
 * @param storeHealthy true when the store answers
 */
public record ClusterStatus(String name, boolean partitionsSafe, int quorumRequired, boolean quorumPresent,
                            List<Member> members, String storeKind, boolean storeHealthy) {

    public ClusterStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(storeKind, "storeKind");
        members = List.copyOf(members);
    }

    /** True when every check passes. */
    public boolean healthy() {
        return partitionsSafe && quorumPresent && storeHealthy;
    }

    /**
     * One member.
     *
     * @param address its member address ({@code host:port})
     * @param local true for the member answering
     * @param info what it last published, if it did
     */
    public record Member(String address, boolean local, Optional<MemberInfo> info) {
        public Member {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(info, "info");
        }
    }
}
