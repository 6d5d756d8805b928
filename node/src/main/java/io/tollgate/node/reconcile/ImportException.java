package io.tollgate.node.reconcile;

/** An import from a provider's admin API failed: unreachable, refused, or an answer that could not be read. */
public final class ImportException extends RuntimeException {

    /** A failure described by {@code message} (never containing the admin key). */
    public ImportException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
