package io.tollgate.node.logship;

/** Where shipped log objects go: a bucket of an object store. Thread-safe. */
public interface ObjectStore extends AutoCloseable {

    /**
     * Stores an object under {@code key}, replacing one stored there before.
     *
     * @throws ObjectStoreException when the store refuses or cannot be reached; nothing can be assumed stored
     */
    void put(String key, byte[] body, String contentType);

    /** Releases connections. */
    @Override
    void close();
}
