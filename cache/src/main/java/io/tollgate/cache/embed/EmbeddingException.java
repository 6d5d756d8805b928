package io.tollgate.cache.embed;

/** An embedding could not be made; the cache treats it as a miss and does not store. */
public final class EmbeddingException extends RuntimeException {

    public EmbeddingException(String message, Throwable cause) {
        super(message, cause);
    }

    public EmbeddingException(String message) {
        super(message);
    }
}
