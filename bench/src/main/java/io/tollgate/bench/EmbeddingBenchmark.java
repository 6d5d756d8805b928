package io.tollgate.bench;

import io.tollgate.cache.embed.Embedder;
import io.tollgate.cache.embed.MiniLmEmbedder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One embedding of a prompt with the in-process MiniLM model ({@link MiniLmEmbedder}), one calling thread: what the
 * semantic cache pays per request that misses the exact cache. Two prompts: about 30 and about 200 words. The model
 * is loaded once per trial, and its load time is printed. DJL's native tokenizer is unpacked into a temporary
 * directory deleted at the end, not {@code ~/.djl.ai}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow"})
public class EmbeddingBenchmark {

    static final String WORDS_30 = "Explain how a write-ahead log lets a database recover after a crash, and name one"
            + " trade-off it makes between durability and write latency on a busy server with slow disks.";

    static final String WORDS_200 = "I run a small online shop that sells handmade ceramics, and over the last year"
            + " our order volume has tripled. We currently keep everything in a single PostgreSQL database on one"
            + " virtual machine: products, customers, orders, inventory counts and the session data for the web"
            + " application. During holiday sales the checkout page becomes slow, and twice the database ran out of"
            + " connections, which meant customers saw errors while paying. My developer suggests three options."
            + " The first is to move sessions into Redis and add a connection pooler in front of the database. The"
            + " second is to split the catalogue into a separate read replica that the product pages query, keeping"
            + " writes on the primary. The third is to move to a managed database service with automatic scaling,"
            + " which costs about four times as much per month. We have a budget for one of these this quarter and"
            + " very little operations experience in the team. Which option would you choose first, what risks"
            + " should we watch for during the migration, and how would we know, with simple measurements we can"
            + " take ourselves, whether the change actually fixed the checkout problem before the next big sale?"
            + " Please keep the answer practical.";

    /** Which prompt: {@code words30} or {@code words200}. */
    @Param({"words30", "words200"})
    public String prompt;

    private Path djlCache;
    private Embedder embedder;
    private String text;

    /** Loads the model (and prints how long that took). */
    @Setup(Level.Trial)
    public void load() throws IOException {
        djlCache = Files.createTempDirectory("tollgate-bench-djl-");
        System.setProperty("DJL_CACHE_DIR", djlCache.toString());
        text = prompt.equals("words30") ? WORDS_30 : WORDS_200;
        long start = System.nanoTime();
        embedder = MiniLmEmbedder.create();
        System.out.printf("embedding: %s loaded in %.0f ms; prompt %s has %d words%n", embedder.model(),
                (System.nanoTime() - start) / 1e6, prompt, text.split("\\s+").length);
    }

    /** Closes the embedder and deletes the tokenizer's directory. */
    @TearDown(Level.Trial)
    public void close() {
        if (embedder != null) {
            embedder.close();
        }
        try (Stream<Path> files = Files.walk(djlCache)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + djlCache, e);
        }
    }

    /**
     * One embedding of the prompt.
     *
     * @return the vector (consumed by JMH)
     */
    @Benchmark
    public float[] embed() {
        return embedder.embed(text).vector();
    }
}
