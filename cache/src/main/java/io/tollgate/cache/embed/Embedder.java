package io.tollgate.cache.embed;

/**
 * Turns text into a vector for the semantic cache. Implementations are thread-safe; an embedder that calls a
 * provider reports the tokens it used so their cost can be charged.
 */
public interface Embedder extends AutoCloseable {

    /**
     * The embedding of a text, normalised to unit length.
     *
     * @throws EmbeddingException when the text cannot be embedded (provider unreachable, for instance)
     */
    Embedding embed(String text);

    /** The number of dimensions of every vector this embedder returns. */
    int dimensions();

    /** The model's name, recorded with each entry: entries of another model are never compared. */
    String model();

    /** Releases the model or the connection. */
    @Override
    void close();

    /**
     * One embedding.
     *
     * @param vector unit length, {@link #dimensions()} long
     * @param inputTokens tokens a paid provider counted (0 for a local model)
     */
    record Embedding(float[] vector, long inputTokens) {
        public Embedding {
            java.util.Objects.requireNonNull(vector, "vector");
            if (inputTokens < 0) {
                throw new IllegalArgumentException("inputTokens must be >= 0, got " + inputTokens);
            }
        }
    }
}
