package io.tollgate.cluster.ledger;

/** The ledger's state cannot be reached or persisted (grid or store failing). */
public class LedgerUnavailableException extends RuntimeException {

    public LedgerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * True when the cause is a lost quorum (this member is on the minority side of a split brain), as opposed to a
     * failing store or grid.
     */
    public boolean quorumLost() {
        return causedBy(QUORUM);
    }

    /**
     * True when the grid is changing its members (one died or left, its partitions move, a backup was not
     * acknowledged in time): the same step sent again soon is expected to go through, and a step whose outcome is
     * unknown is safe to send again (request ids and lease step numbers make repeats harmless).
     */
    public boolean membersChanging() {
        return causedBy(CHANGING);
    }

    private boolean causedBy(java.util.Set<String> names) {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (names.contains(t.getClass().getName())) {
                return true;
            }
        }
        return false;
    }

    private static final java.util.Set<String> QUORUM =
            java.util.Set.of("com.hazelcast.splitbrainprotection.SplitBrainProtectionException");
    private static final java.util.Set<String> CHANGING = java.util.Set.of(
            "com.hazelcast.core.IndeterminateOperationStateException",
            "com.hazelcast.core.MemberLeftException",
            "com.hazelcast.spi.exception.TargetNotMemberException",
            "com.hazelcast.spi.exception.WrongTargetException",
            "com.hazelcast.spi.exception.PartitionMigratingException",
            "com.hazelcast.core.OperationTimeoutException");
}
