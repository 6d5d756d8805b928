package io.tollgate.bench;

import io.tollgate.cluster.ledger.Admission;
import io.tollgate.cluster.ledger.BudgetLedger;
import io.tollgate.cluster.ledger.CounterView;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
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
 * The governance cost of one request on the hot path: one {@link BudgetLedger#admit} (four hard budgets and two
 * windows on one account, see {@link GovernancePath}) followed by one {@link BudgetLedger#settle}, on each ledger
 * variant ({@link #ledger}), one calling thread. Each invocation uses a fresh request id (a counter) and a time one
 * millisecond after the previous one (a fixed start, no clock), i.e. an account serving 1000 requests per simulated
 * second. The leasing variants ({@code leased...}) read the real clock instead, as a node does: a lease is sized by
 * the rate its node sees, and simulated milliseconds would make a benchmark thread look a thousand times slower
 * than it is. Sample time gives the latency distribution per invocation in microseconds.
 *
 * <p>Not thread-safe: JMH gives each benchmark thread its own instance ({@link Scope#Thread}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--add-modules", "java.se",
    "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
    "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED",
    "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
    "--enable-native-access=ALL-UNNAMED"})
public class GovernanceBenchmark {

    /** Hazelcast and HikariCP log through java.util.logging; only warnings are worth seeing between results. */
    private static final List<Logger> QUIET = List.of(Logger.getLogger("com.hazelcast"),
            Logger.getLogger("com.zaxxer.hikari"));
    private static final Instant START = Instant.parse("2026-03-10T10:00:00Z");

    /** Which ledger: the names of {@link LedgerUnderTest}'s variants. */
    @Param({LedgerUnderTest.IN_MEMORY, LedgerUnderTest.LOCAL_OWNER, LedgerUnderTest.LOCAL_OWNER_WITH_BACKUP,
        LedgerUnderTest.REMOTE_OWNER, LedgerUnderTest.LOCAL_OWNER_H2_STORE, LedgerUnderTest.LEASED_LOCAL_OWNER_WITH_BACKUP,
        LedgerUnderTest.LEASED_REMOTE_OWNER, LedgerUnderTest.LEASED_LOCAL_OWNER_H2_STORE})
    public String ledger;

    private LedgerUnderTest underTest;
    private BudgetLedger budgets;
    private String account;
    private Instant now;
    /** True for the leasing variants: they run on the real clock (see the class comment). */
    private boolean realTime;
    private long sequence;

    /** Starts the variant and runs one request through it, which creates the account's counters. */
    @Setup(Level.Trial)
    public void start() {
        QUIET.forEach(logger -> logger.setLevel(java.util.logging.Level.WARNING));
        realTime = ledger.startsWith("leased");
        now = realTime ? Instant.now() : START;
        underTest = LedgerUnderTest.start(ledger, Instant::now);
        budgets = underTest.ledger();
        account = underTest.accountId();
        admitAndSettle();
    }

    /** Stops the members and the database; fails if a thread they started survives (it would keep the fork alive). */
    @TearDown(Level.Trial)
    public void stop() {
        if (underTest != null) {
            underTest.close();
        }
    }

    /**
     * One admission and its settlement.
     *
     * @return the settlement's counters (consumed by JMH, so nothing is optimised away)
     * @throws IllegalStateException when the admission is rejected: the limits are meant never to be reached
     */
    @Benchmark
    public List<CounterView> admitAndSettle() {
        now = realTime ? Instant.now() : now.plusMillis(1);
        String requestId = Long.toString(++sequence);
        Admission admission = budgets.admit(GovernancePath.admission(account, requestId, now));
        if (!(admission instanceof Admission.Admitted)) {
            throw new IllegalStateException("request " + requestId + " was not admitted: " + admission);
        }
        return budgets.settle(account, requestId, GovernancePath.COST_NANOS, GovernancePath.TOKENS, now);
    }
}
