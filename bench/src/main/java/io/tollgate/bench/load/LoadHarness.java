package io.tollgate.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code ./tollgate bench load}: starts a {@link FakeUpstream} in this process, then for each target (the upstream
 * directly, a full node, a pass-through node; one node at a time, started through the launcher with
 * {@code -Xmx512m} and stopped after its steps), each kind and each rate: warms up, measures one step with the
 * open-loop {@link LoadGenerator}, and samples the node's CPU and memory. Prints the {@link Report} (and writes it
 * to {@code --out}). Exit code 0; 1 when a node could not start or, with {@code --smoke}, when a step produced no
 * numbers; 2 for bad options.
 */
public final class LoadHarness {

    /**
     * A freshly started node is warmed up per kind in rounds of this length, at most {@link #NODE_WARM_UP_RATE},
     * until its JIT compilers used less than {@link #JIT_QUIET} of a core in a round, or {@link #NODE_WARM_UP_MAX}.
     */
    private static final java.time.Duration NODE_WARM_UP = java.time.Duration.ofSeconds(5);
    private static final java.time.Duration NODE_WARM_UP_MAX = java.time.Duration.ofSeconds(60);
    private static final double JIT_QUIET = 0.05;
    private static final long NODE_WARM_UP_RATE = 1000;

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final String DIRECT_BEARER = "sk-load-harness-direct";

    private final Options options;
    private final PrintStream log;
    private final Report report;
    private final Path work;
    private final LoadGenerator generator;

    private LoadHarness(Options options, PrintStream log, Path work, ExecutorService threads) {
        this.options = options;
        this.log = log;
        this.work = work;
        this.report = Report.create(options, Instant.now());
        this.generator = LoadGenerator.create(NanoClock.system(), threads, options.maxInFlight(),
                REQUEST_TIMEOUT.plusSeconds(2));
    }

    /** The entry point; see {@link Options#USAGE}. */
    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench load: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        System.exit(run(options, System.out, System.err));
    }

    /** Runs every step; prints the report to {@code out} and progress to {@code log}; returns the exit code. */
    static int run(Options options, PrintStream out, PrintStream log) {
        Path work;
        try {
            work = Files.createTempDirectory("tollgate-load-");
        } catch (IOException e) {
            log.println("bench load: no temporary directory: " + e.getMessage());
            return 1;
        }
        boolean nodesStarted = true;
        LoadHarness harness;
        try (FakeUpstream upstream = FakeUpstream.start(0, options.upstreamLatencyMs());
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            harness = new LoadHarness(options, log, work, threads);
            log.println("bench load: fake upstream at " + upstream.baseUrl() + "; work directory " + work);
            for (Target target : options.targets()) {
                nodesStarted &= harness.runTarget(target, upstream);
            }
        }
        String markdown = harness.report.markdown();
        out.print(markdown);
        out.flush();
        if (options.out().isPresent()) {
            try {
                Files.writeString(options.out().get(), markdown);
                log.println("bench load: report written to " + options.out().get());
            } catch (IOException e) {
                log.println("bench load: could not write " + options.out().get() + ": " + e.getMessage());
                return 1;
            }
        }
        if (options.smoke()) {
            List<String> empty = harness.report.empty();
            if (!empty.isEmpty()) {
                log.println("bench load smoke: no numbers from " + String.join(", ", empty));
                return 1;
            }
            log.println("bench load smoke: every step produced numbers");
        }
        return nodesStarted ? 0 : 1;
    }

    /** Runs one target's steps; false when its node could not start. */
    private boolean runTarget(Target target, FakeUpstream upstream) {
        if (target == Target.DIRECT) {
            steps(target, upstream.baseUrl(), DIRECT_BEARER, Optional.empty());
            return true;
        }
        int port = freePort();
        Path config = work.resolve(target.label() + ".yaml");
        Path data = work.resolve(target.label() + "-data");
        String yaml = target == Target.GATEWAY ? NodeConfigs.full(port, upstream.baseUrl(), data)
                : NodeConfigs.passThrough(port, upstream.baseUrl(), data);
        Path jfr = work.resolve(target.label() + ".jfr");
        String javaOpts = "-Xmx512m" + (options.nodeJvm().isEmpty() ? "" : " " + options.nodeJvm())
                + (options.profile() ? " -XX:StartFlightRecording=dumponexit=true,filename=" + jfr + ",settings=profile"
                : "");
        try {
            Files.writeString(config, yaml);
        } catch (IOException e) {
            log.println("bench load: could not write " + config + ": " + e.getMessage());
            return false;
        }
        log.println("bench load: starting the " + target.label() + " node on port " + port + " (" + config + ")");
        try (NodeProcess node = NodeProcess.start(options.repo(), config, port, javaOpts,
                work.resolve(target.label() + ".log"))) {
            steps(target, "http://127.0.0.1:" + port + "/v1", NodeConfigs.VIRTUAL_KEY, Optional.of(node));
        } catch (IllegalStateException e) {
            log.println("bench load: " + target.label() + ": " + e.getMessage());
            return false;
        } finally {
            delete(data); // tens of MB per run; the configuration and the node's log stay for a look
        }
        if (options.profile()) {
            log.println("bench load: JFR profile of the " + target.label() + " node: " + jfr);
        }
        return true;
    }

    private void steps(Target target, String baseUrl, String bearer, Optional<NodeProcess> node) {
        if (node.isPresent() && !options.smoke()) {
            // a node just started runs interpreted code: compile its paths at a moderate rate first, or the first
            // step measures the JIT, and at a high rate an open-loop backlog that never drains
            long rate = Math.min(NODE_WARM_UP_RATE, options.rates().stream().mapToLong(Long::longValue).min()
                    .orElse(NODE_WARM_UP_RATE));
            for (Kind kind : options.kinds()) {
                try (Exchange exchange = exchange(ChatRequests.create(baseUrl, NodeConfigs.MODEL, bearer,
                        kind == Kind.STREAM))) {
                    warmUp(target, kind, exchange, rate, node.get().pid());
                }
            }
        }
        for (Kind kind : options.kinds()) {
            ChatRequests requests = ChatRequests.create(baseUrl, NodeConfigs.MODEL, bearer, kind == Kind.STREAM);
            for (long rate : options.rates()) {
                try (Exchange exchange = exchange(requests)) {
                    log.printf(Locale.ROOT, "bench load: %s %s at %d req/s: warm-up %s, measuring %s%n",
                            target.label(), kind.label(), rate, options.warmup(), options.duration());
                    if (!options.warmup().isZero()) {
                        generator.warmUp(exchange, rate, options.warmup());
                    }
                    Measurement m = measure(exchange, rate, kind, node);
                    report.add(kind, rate, target, m);
                    log.printf(Locale.ROOT, "bench load:   p50 %s ms, p99 %s ms, %.0f req/s, %d errors%n",
                            Report.ms(m.result().latency().p50()), Report.ms(m.result().latency().p99()),
                            m.result().throughput(), m.result().errors());
                }
            }
        }
    }

    /**
     * Warms a node just started: rounds of {@link #NODE_WARM_UP} until its JIT compilers go quiet. A node runs for
     * days; a step taken while C2 still compiles the request path (a third of a core for the first minute here)
     * measures the compiler, not the gateway.
     */
    private void warmUp(Target target, Kind kind, Exchange exchange, long rate, String pid) {
        java.time.Duration spent = java.time.Duration.ZERO;
        double jit = Double.NaN;
        while (spent.compareTo(NODE_WARM_UP_MAX) < 0) {
            double before = ProcStat.compilerCpuSeconds(pid);
            generator.warmUp(exchange, rate, NODE_WARM_UP);
            spent = spent.plus(NODE_WARM_UP);
            double after = ProcStat.compilerCpuSeconds(pid);
            jit = (after - before) / (NODE_WARM_UP.toMillis() / 1000.0);
            if (before < 0 || after < 0 || jit < JIT_QUIET) {
                break;
            }
        }
        log.printf(Locale.ROOT, "bench load: %s node warm-up: %s at %d req/s for %d s (JIT compilers at the end:"
                + " %.2f cores)%n", target.label(), kind.label(), rate, spent.toSeconds(), jit);
    }

    private Measurement measure(Exchange exchange, long rate, Kind kind, Optional<NodeProcess> node) {
        double nodeBefore = node.map(NodeProcess::cpuSeconds).orElse(0.0);
        double selfBefore = ProcStat.cpuSeconds("self");
        long start = System.nanoTime();
        StepResult result = generator.run(exchange, rate, options.duration(), kind == Kind.STREAM);
        double seconds = (System.nanoTime() - start) / 1e9;
        double selfCores = (ProcStat.cpuSeconds("self") - selfBefore) / seconds;
        return new Measurement(result, node.map(n -> (n.cpuSeconds() - nodeBefore) / seconds),
                node.map(NodeProcess::rssBytes), selfCores);
    }

    private Exchange exchange(ChatRequests requests) {
        return options.client().equals("jdk")
                ? JdkExchange.create(requests, NanoClock.system(), REQUEST_TIMEOUT)
                : HelidonExchange.create(requests, NanoClock.system(), options.maxInFlight(), REQUEST_TIMEOUT);
    }

    private void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.println("bench load: could not delete " + dir + ": " + e.getMessage());
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port: " + e.getMessage(), e);
        }
    }
}
