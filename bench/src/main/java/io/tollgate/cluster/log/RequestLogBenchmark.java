package io.tollgate.cluster.log;

import io.tollgate.bench.TempDirs;
import io.tollgate.cluster.store.StateStore;
import io.tollgate.config.StoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The request log's cost per request row on the embedded store: one batch of {@value #BATCH} records (each a
 * successful upstream call with one attempt, no bodies: what the load harness's gateway writes) in one
 * transaction, as the log's writer thread does every 100 ms at 2,000 requests/s. The database is a fresh H2 file
 * in a temporary directory that grows through the run, so the figure includes its indexes getting deeper. Lives in
 * the log's package to call its batch writer directly (no queue, no linger). {@code ids}: {@code random}, 24 random
 * hex digits (the gateway's request ids before issue 8), or {@code timeOrdered}, the epoch millisecond then random
 * digits (the gateway's ids now), to show what the key order costs the table's indexes. See bench/README.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RequestLogBenchmark {

    static final int BATCH = 200;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** How request ids are made: see the class comment. */
    @Param({"random", "timeOrdered"})
    public String ids;

    private Path dir;
    private StateStore store;
    private Connection connection;
    private LogBatch writes;

    /** Opens a fresh embedded store (migrated) and one connection. */
    @Setup(Level.Trial)
    public void open() throws IOException, SQLException {
        dir = Files.createTempDirectory("tollgate-log-bench");
        store = StateStore.open(new StoreConfig(Optional.empty(), Optional.empty(), Optional.empty(), dir));
        connection = store.dataSource().getConnection();
        writes = new LogBatch(store.dialect());
    }

    /** Closes the store and deletes its files. */
    @TearDown(Level.Trial)
    public void close() throws SQLException, IOException {
        connection.close();
        store.close();
        TempDirs.delete(dir);
    }

    /** One batch written and committed; the figure is per row. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void writeBatch() throws SQLException {
        writes.write(connection, batch());
    }

    private List<LogRecord> batch() {
        Instant now = Instant.now();
        List<LogRecord> rows = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            String id = id();
            rows.add(new LogRecord(id, now, "node-1", Optional.of("vk-load"), Optional.of("team-load"),
                    Optional.of("customer-load"), "openai.chat", Optional.of("fake"), Optional.of("gpt-4o-mini"),
                    Optional.of("dummy"), 200, Optional.empty(), 1, 0, false, "miss", 0, 12, 0, 0, 0, 9, 7_200, 0,
                    900, Optional.empty(), 400, 500, Optional.empty(), Optional.empty(),
                    List.of(new AttemptRecord(1, 0, now, "fake", "gpt-4o-mini", "dummy", 200, Optional.empty(),
                            400))));
        }
        return rows;
    }

    private String id() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder id = new StringBuilder(32);
        if (ids.equals("timeOrdered")) {
            id.append("%012x".formatted(System.currentTimeMillis()));
            hex(id, random.nextLong(), 16);
            hex(id, random.nextLong(), 4);
        } else {
            hex(id, random.nextLong(), 16);
            hex(id, random.nextLong(), 8);
        }
        return id.toString();
    }

    private static void hex(StringBuilder out, long bits, int digits) {
        for (int i = 0; i < digits; i++) {
            out.append(HEX[(int) (bits >>> (i * 4)) & 0xf]);
        }
    }
}
