package io.tollgate.node.logship;

/** An object store refused an upload or could not be reached; the message says which object and why. */
public final class ObjectStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure with its cause. */
    public ObjectStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A failure the store answered with. */
    public ObjectStoreException(String message) {
        super(message);
    }
}
