package io.tollgate.cluster.ledger;

/** The ledger's state cannot be reached or persisted (grid or store failing). */
public class LedgerUnavailableException extends RuntimeException {

    public LedgerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
