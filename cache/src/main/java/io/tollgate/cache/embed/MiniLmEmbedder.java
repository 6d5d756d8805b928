package io.tollgate.cache.embed;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The quantized all-MiniLM-L6-v2 sentence embedder (384 dimensions), in process through langchain4j and ONNX
 * Runtime: the model and its tokenizer are in the jar, nothing is downloaded, no tokens are charged.
 *
 * <p><b>Creation is expensive</b> (about 0.7 s: the model is loaded and one text embedded so the first request
 * does not pay for warming up). Create one per node and share it. The model itself is loaded once per JVM (langchain4j
 * keeps it in a static field), so a second instance is cheap and {@link #close()} frees nothing.
 *
 * <p><b>Vectors</b> are the mean of the token embeddings, normalised to unit length by langchain4j.
 *
 * <p><b>Long texts</b> are not truncated: langchain4j splits the tokens into windows of 510 (the model's 512
 * positions minus the two special tokens), embeds each window and averages the windows weighted by their token
 * counts, then normalises. Cost therefore grows with the text (a few milliseconds per window), and a long text's
 * vector is a blend of its parts. MiniLM was trained on up to 256 word pieces: windows longer than that still work
 * but compare less sharply.
 *
 * <p><b>Native code.</b> DJL's tokenizer unpacks a native library to {@code ~/.djl.ai} on first use unless the
 * {@code DJL_CACHE_DIR} system property or environment variable points elsewhere.
 *
 * <p>Thread-safe: ONNX Runtime sessions and the tokenizer accept concurrent calls; each call runs on its caller's
 * thread.
 */
public final class MiniLmEmbedder implements Embedder {

    /** The model's name, recorded with each cache entry. */
    public static final String MODEL = "all-minilm-l6-v2-q";
    /** The length of every vector. */
    public static final int DIMENSIONS = 384;

    private final EmbeddingModel model;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MiniLmEmbedder(EmbeddingModel model) {
        this.model = model;
    }

    /**
     * Loads the model and embeds one text to warm it up; takes about 0.7 s the first time in a JVM.
     *
     * @throws EmbeddingException when the model or its native libraries cannot be loaded
     */
    public static MiniLmEmbedder create() {
        EmbeddingModel model;
        try {
            // a direct executor: embed() passes one text, which langchain4j embeds on the calling thread anyway;
            // this keeps it from creating a thread pool it would never use
            model = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
        } catch (RuntimeException | LinkageError e) {
            throw new EmbeddingException("cannot load the " + MODEL + " embedding model", e);
        }
        MiniLmEmbedder embedder = new MiniLmEmbedder(model);
        embedder.embed("warm up the tokenizer and the model");
        return embedder;
    }

    /**
     * {@inheritDoc} Runs on the calling thread: about 10 ms for a 30-word prompt on a 2-vCPU machine
     * ({@code bench/RESULTS.md}).
     *
     * @throws EmbeddingException when the text is blank (there is nothing to embed; the cache treats it as a miss)
     *         or the model fails
     * @throws IllegalStateException when the embedder is closed
     */
    @Override
    public Embedding embed(String text) {
        Objects.requireNonNull(text, "text");
        if (closed.get()) {
            throw new IllegalStateException("the " + MODEL + " embedder is closed");
        }
        if (text.isBlank()) {
            throw new EmbeddingException("cannot embed a blank text, got " + text.length() + " blank characters");
        }
        float[] vector;
        try {
            vector = model.embed(text).content().vector();
        } catch (RuntimeException e) {
            throw new EmbeddingException(MODEL + " failed to embed a text of " + text.length() + " characters", e);
        }
        if (vector.length != DIMENSIONS) {
            throw new EmbeddingException(
                    MODEL + " returned " + vector.length + " dimensions, expected " + DIMENSIONS);
        }
        return new Embedding(vector, 0);
    }

    /** {@return 384} */
    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    /** {@return {@value #MODEL}} */
    @Override
    public String model() {
        return MODEL;
    }

    /** Marks the embedder closed; later {@link #embed} calls throw. The JVM keeps the model (see the class). */
    @Override
    public void close() {
        closed.set(true);
    }
}
