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
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (t.getClass().getName().equals("com.hazelcast.splitbrainprotection.SplitBrainProtectionException")) {
                return true;
            }
        }
        return false;
    }
}
