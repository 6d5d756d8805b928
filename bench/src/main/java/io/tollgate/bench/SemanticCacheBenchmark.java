package io.tollgate.bench;

import io.tollgate.cache.index.LuceneVectorIndex;
import io.tollgate.cache.index.VectorIndex.Match;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
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
 * One semantic cache lookup in the vector index: a {@link LuceneVectorIndex#search} for the {@value #K} nearest
 * neighbours of a query within one partition, one calling thread. The index holds {@link #entries} random unit
 * vectors of 384 dimensions (seeded), spread round-robin over {@link #partitions} partitions; queries are stored
 * vectors moved by noise to a cosine of about 0.9 (a close paraphrase), searched in their own partition.
 *
 * <p>The index is built once per trial, through the public API as a node rebuilds it (upserts with the background
 * refresh running, then a refresh), then merged into one segment ({@link LuceneVectorIndex#forceMerge()}, what the
 * cache is meant to do after its start-up rebuild); both times are reported, and searches run on the merged index
 * with no merge running behind them. Recall@1 against brute force is measured once per trial too, over
 * {@value #RECALL_QUERIES} fresh queries: the share whose best match is the exact nearest stored vector of the
 * partition, for the benchmark's k and larger ones ({@link #RECALL_K}). All are printed and written to
 * {@code bench/target/recall-<entries>-<partitions>.txt} (the system temporary directory when run elsewhere than the
 * repository's root).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--add-modules", "jdk.incubator.vector",
    "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class SemanticCacheBenchmark {

    static final int DIMENSIONS = 384;
    static final int K = 20;
    static final int RECALL_QUERIES = 200;
    /** The k of each recall measurement: the benchmark's, and larger ones to see what recall costs. */
    static final int[] RECALL_K = {K, 50, 100};
    /** Gaussian noise per component of a query: a cosine of about 0.9 to the stored vector it comes from. */
    static final double NOISE = 0.025;
    private static final int QUERY_POOL = 4_096;

    /** Entries in the index. */
    @Param({"10000", "100000"})
    public int entries;

    /** Partitions the entries are spread over (1: one partition holds them all). */
    @Param({"1", "10"})
    public int partitions;

    private LuceneVectorIndex index;
    private float[][] queries;
    private String[] queryPartitions;
    private int next;

    /** Builds the index, measures recall against brute force, and prepares the benchmark's queries. */
    @Setup(Level.Trial)
    public void build() {
        SeededVectors vectors = SeededVectors.create(42, DIMENSIONS, entries);
        index = LuceneVectorIndex.create(DIMENSIONS);
        long start = System.nanoTime();
        for (int i = 0; i < entries; i++) {
            index.upsert("e" + i, partition(i), vectors.stored(i));
        }
        index.refresh();
        double buildSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        index.forceMerge();
        double mergeSeconds = (System.nanoTime() - start) / 1e9;
        StringBuilder recalls = new StringBuilder();
        double[] recall = recall(vectors);
        for (int j = 0; j < RECALL_K.length; j++) {
            recalls.append(String.format(Locale.ROOT, " k=%d: %.3f", RECALL_K[j], recall[j]));
        }
        report(String.format(Locale.ROOT,
                "semantic cache: entries=%d partitions=%d build=%.1f s (%.0f entries/s) forceMerge=%.1f s"
                        + " recall@1 vs brute force (%d queries)%s",
                entries, partitions, buildSeconds, entries / buildSeconds, mergeSeconds, RECALL_QUERIES, recalls));
        queries = new float[QUERY_POOL][];
        queryPartitions = new String[QUERY_POOL];
        for (int q = 0; q < QUERY_POOL; q++) {
            int target = vectors.anyIndex();
            queries[q] = vectors.near(target, NOISE);
            queryPartitions[q] = partition(target);
        }
    }

    /** Closes the index (its temporary directory is deleted). */
    @TearDown(Level.Trial)
    public void close() {
        if (index != null) {
            index.close();
        }
    }

    /**
     * One search: the {@value #K} nearest entries of the next query's partition.
     *
     * @return the matches (consumed by JMH)
     */
    @Benchmark
    public List<Match> search() {
        int q = next++ & (QUERY_POOL - 1);
        return index.search(queryPartitions[q], queries[q], K);
    }

    /** For each of {@link #RECALL_K}: the share of queries whose best match is the exact nearest entry. */
    private double[] recall(SeededVectors vectors) {
        double[] recall = new double[RECALL_K.length];
        for (int q = 0; q < RECALL_QUERIES; q++) {
            int target = vectors.anyIndex();
            float[] query = vectors.near(target, NOISE);
            String exact = "e" + vectors.nearest(query, target % partitions, partitions);
            for (int j = 0; j < RECALL_K.length; j++) {
                List<Match> found = index.search(partition(target), query, RECALL_K[j]);
                if (!found.isEmpty() && found.getFirst().id().equals(exact)) {
                    recall[j] += 1.0 / RECALL_QUERIES;
                }
            }
        }
        return recall;
    }

    private String partition(int entry) {
        return "p" + entry % partitions;
    }

    private void report(String line) {
        System.out.println(line);
        Path dir = Files.isDirectory(Path.of("bench", "target")) ? Path.of("bench", "target")
                : Path.of(System.getProperty("java.io.tmpdir"));
        Path file = dir.resolve("recall-" + entries + "-" + partitions + ".txt");
        try {
            Files.writeString(file, line + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        System.out.println("written to " + file.toAbsolutePath());
    }
}
