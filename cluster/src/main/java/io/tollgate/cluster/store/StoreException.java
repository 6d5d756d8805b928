package io.tollgate.cluster.store;

/**
 * A fault of the state store: the database cannot be reached, a statement failed, or a stored row cannot be
 * read back. The message names the operation, the map and (for a row) the key, never a stored value or a
 * password. Thrown from the write-through path, it makes the grid operation that caused it fail, so nothing is
 * acknowledged that is not in the database.
 */
public final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * A fault with its cause.
     *
     * @param message what failed: the operation and the map or URL
     * @param cause the underlying failure, usually a {@link java.sql.SQLException}
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A fault without an underlying exception (for example a row in an unknown format).
     *
     * @param message what failed: the operation, the map and the key
     */
    public StoreException(String message) {
        super(message);
    }
}
