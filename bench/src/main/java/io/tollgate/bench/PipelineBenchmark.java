package io.tollgate.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.Operation;
import io.tollgate.config.ConfigLoader;
import io.tollgate.node.TollgateNode;
import io.tollgate.node.http.RequestChecks;
import io.tollgate.node.pipeline.ClientChannel;
import io.tollgate.node.pipeline.Exchange;
import io.tollgate.node.pipeline.Pipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
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
 * One whole non-streaming chat request in process, as an API route handles it but without HTTP: parse the body,
 * {@link RequestChecks#check}, {@link Exchange#create} with a client channel that discards, {@link Pipeline#run},
 * then hand the whole response to the channel. The node (started once per trial from YAML, the in-process
 * {@code mock} provider as the upstream, an embedded store in a temporary directory, tracing off) is the real one.
 * The stacks, in one run so they read as ratios: {@code full} (virtual key under a team under a customer, hard
 * budgets on each, a request rate limit, metrics, request log, exact cache with every request a new miss that is
 * stored), {@code cacheHit} (the same, one body: an exact hit), {@code passThrough} ({@code server.pass_through}:
 * route, balance, invoke) and {@code parseOnly} (parse and checks alone). See bench/README.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--add-modules", "java.se",
    "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
    "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED",
    "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
    "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector"})
public class PipelineBenchmark {

    /** The model the bodies ask for: the mock provider's echo model. */
    static final String MODEL = "mock/echo";
    /** The virtual key of the {@code full} and {@code cacheHit} stacks. */
    static final String VIRTUAL_KEY = "tg-bench-pipeline-key-000001";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** What the request carries: see {@link RequestBodies}. */
    @Param({RequestBodies.SHORT_CHAT, RequestBodies.LONG_CHAT, RequestBodies.TOOL_CALL})
    public String body;

    /** Which stages run: see the class comment. */
    @Param({"full", "cacheHit", "passThrough", "parseOnly"})
    public String stack;

    private Stack mode;
    private byte[] fixed;
    private RequestBodies.Varying varying;
    private Map<String, String> headers;
    private long requests;
    private Path dataDir;
    private TollgateNode node;
    private Pipeline pipeline;
    private ThreadWatch threads;

    /** The stacks, see the class comment. */
    enum Stack { FULL, CACHE_HIT, PASS_THROUGH, PARSE_ONLY }

    /** Starts the node of this stack (none for {@code parseOnly}) and checks that a request takes the expected path. */
    @Setup(Level.Trial)
    public void start() throws IOException {
        mode = switch (stack) {
            case "full" -> Stack.FULL;
            case "cacheHit" -> Stack.CACHE_HIT;
            case "passThrough" -> Stack.PASS_THROUGH;
            case "parseOnly" -> Stack.PARSE_ONLY;
            default -> throw new IllegalArgumentException("stack must be full, cacheHit, passThrough or parseOnly,"
                    + " was '" + stack + "'");
        };
        fixed = RequestBodies.of(body, MODEL);
        varying = RequestBodies.Varying.of(fixed);
        headers = Map.of("authorization", "Bearer " + VIRTUAL_KEY);
        if (mode == Stack.PARSE_ONLY) {
            return;
        }
        threads = ThreadWatch.start();
        dataDir = Files.createTempDirectory("tollgate-bench-pipeline-");
        node = TollgateNode.start(ConfigLoader.parse(yaml(mode == Stack.PASS_THROUGH, dataDir),
                "pipeline-benchmark.yaml", Map.of()), Clock.systemUTC());
        pipeline = node.pipeline();
        check();
    }

    /** The node's configuration: see bench/README.md, "PipelineBenchmark". */
    static String yaml(boolean passThrough, Path dataDir) {
        return """
                server: { port: 0, pass_through: %s }
                providers:
                  mock: { type: mock }
                pricing:
                  mock/echo: { input: 0.15, output: 0.60 }
                governance:
                  enforce: true
                  customers:
                    - { name: bench-customer, budgets: [ { max_limit: 1000000, reset_duration: 1M } ] }
                  teams:
                    - { name: bench-team, customer: bench-customer, budgets: [ { max_limit: 1000000, reset_duration: 1w } ] }
                  virtual_keys:
                    - name: bench-key
                      value: %s
                      team: bench-team
                      budgets: [ { max_limit: 1000000, reset_duration: 1d } ]
                      rate_limit: { request_max_limit: 1000000000, request_reset_duration: 1m }
                cache: { mode: exact }
                store: { data_dir: "%s" }
                """.formatted(passThrough, VIRTUAL_KEY, dataDir.toAbsolutePath().toString().replace("\\", "/"));
    }

    /** Fails the trial unless a request of this stack is answered 200 along the expected path. */
    private void check() {
        DiscardChannel first = (DiscardChannel) request();
        require(first, first.status() == 200, "status 200");
        switch (mode) {
            case FULL -> {
                require(first, first.header("x-tollgate-cache").equals("miss"), "a cache miss");
                require(first, !first.header("x-tollgate-cost-usd").isEmpty(), "a cost");
                DiscardChannel second = (DiscardChannel) request();
                require(second, second.header("x-tollgate-cache").equals("miss"), "a second miss");
            }
            case CACHE_HIT -> {
                node.cache().flush();
                DiscardChannel hit = (DiscardChannel) request();
                require(hit, hit.header("x-tollgate-cache").equals("hit-exact"), "an exact cache hit");
            }
            case PASS_THROUGH -> require(first, first.header("x-tollgate-cache").isEmpty(), "no cache");
            case PARSE_ONLY -> throw new IllegalStateException("no node to check");
        }
    }

    private static void require(DiscardChannel channel, boolean condition, String expected) {
        if (!condition) {
            throw new IllegalStateException("expected " + expected + ", got status " + channel.status()
                    + ", x-tollgate-cache '" + channel.header("x-tollgate-cache") + "', body "
                    + new String(channel.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /**
     * One request: parse, check, and (except {@code parseOnly}) the pipeline and the whole response handed to the
     * channel. A refusal (budget, rate limit) throws and fails the benchmark.
     */
    @Benchmark
    public Object request() {
        byte[] bytes = mode == Stack.FULL ? varying.next() : fixed;
        ObjectNode parsed = Json.parseObject(bytes);
        RequestChecks.check(Dialect.OPENAI, Operation.CHAT, parsed);
        if (mode == Stack.PARSE_ONLY) {
            return parsed;
        }
        DiscardChannel channel = DiscardChannel.create();
        Exchange exchange = Exchange.create(nextId(), System.nanoTime(), Dialect.OPENAI, Operation.CHAT, parsed,
                headers, channel);
        try {
            pipeline.run(exchange);
            if (!channel.committed()) {
                Exchange.Response whole = exchange.response()
                        .orElseThrow(() -> new IllegalStateException("the pipeline produced no response"));
                channel.send(whole.status(), whole.contentType(), whole.body());
            }
        } finally {
            exchange.events().ifPresent(ClientChannel.EventSink::close);
        }
        return channel;
    }

    /**
     * A request id shaped like the route's (hex digits, later ones sorting later, as the node's own), from a counter:
     * unique within the trial's node.
     */
    private String nextId() {
        long n = ++requests;
        char[] id = new char[24];
        for (int i = 23; i >= 0; i--) {
            id[i] = HEX[(int) (n & 0xf)];
            n >>>= 4;
        }
        return new String(id);
    }

    /** Stops the node, deletes its store, and fails if a thread it started is still alive 10 s later. */
    @TearDown(Level.Trial)
    public void stop() throws IOException {
        if (node == null) {
            return;
        }
        node.close();
        threads.awaitGone(Duration.ofSeconds(10));
        TempDirs.delete(dataDir);
    }
}
