package io.tollgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.cache.Probe;
import io.tollgate.cache.ResponseCache;
import io.tollgate.cache.index.LuceneVectorIndex;
import io.tollgate.cache.key.RequestFormat;
import io.tollgate.cache.key.RequestKey;
import io.tollgate.cache.key.RequestKeys;
import io.tollgate.cluster.shared.InMemorySharedEntries;
import io.tollgate.config.CacheConfig;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
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
 * The exact path of the response cache as a request takes it: derive the request's key (canonical JSON, two
 * SHA-256 hashes, the conversation split) from the parsed body, then look it up in the node's replica, for a short
 * chat and a long one (about 4,000 tokens of history), against a cache of 10,000 entries. {@code keyOnly} is the
 * derivation alone, so the lookup's own cost is the difference. No grid call on this path (the replica is local).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--add-modules", "java.se",
    "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
    "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED",
    "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
    "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector"})
public class ExactCacheBenchmark {

    private static final RequestKeys KEYS = RequestKeys.create(CacheConfig.EmbedInput.DEFAULT, "none");

    /** The request: a one-line chat, or a long conversation. */
    @Param({"short", "long"})
    public String chat;

    private InMemorySharedEntries shared;
    private ResponseCache cache;
    private JsonNode body;

    /** Fills the cache with 10,000 entries, one of them the benchmark's request. */
    @Setup(Level.Trial)
    public void start() throws Exception {
        Clock clock = Clock.systemUTC();
        shared = InMemorySharedEntries.create(clock, 20_000);
        cache = ResponseCache.create(shared, LuceneVectorIndex.create(8), Optional.empty(), clock);
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < 10_000; i++) {
            RequestKey key = key(json.readTree(body(i, chat.equals("long"))));
            cache.store(key, Probe.MISS, "openai", ("{\"answer\":" + i + "}").getBytes(StandardCharsets.UTF_8), 1000,
                    Duration.ofHours(1));
            if (i % 500 == 499) {
                cache.flush();   // stores queue up to 1,024 deep; a full queue drops them
            }
        }
        cache.flush();
        body = json.readTree(body(4_242, chat.equals("long")));
        if (lookup().hit().isEmpty()) {
            throw new IllegalStateException("the benchmark's request is not in the cache");
        }
    }

    private static String body(int n, boolean longChat) {
        StringBuilder messages = new StringBuilder("{\"role\":\"system\",\"content\":\"You are a helpful assistant.\"}");
        if (longChat) {
            String turn = "Tell me more about the history of the city, its architecture and its people. ".repeat(20);
            for (int i = 0; i < 10; i++) {
                messages.append(",{\"role\":\"user\",\"content\":\"").append(turn).append("\"}")
                        .append(",{\"role\":\"assistant\",\"content\":\"").append(turn).append("\"}");
            }
        }
        messages.append(",{\"role\":\"user\",\"content\":\"Question number ").append(n).append("?\"}");
        return "{\"model\":\"gpt-4o-mini\",\"temperature\":0,\"max_tokens\":256,\"messages\":[" + messages + "]}";
    }

    private static RequestKey key(JsonNode request) {
        return KEYS.of("vk:vk_benchmark000001", "openai/gpt-4o-mini", RequestFormat.OPENAI_CHAT, request);
    }

    /** Key derivation and replica lookup: a hit. */
    @Benchmark
    public Probe lookup() {
        return cache.probe(key(body), false, 0.85);
    }

    /** Key derivation alone. */
    @Benchmark
    public RequestKey keyOnly() {
        return key(body);
    }

    /** Stops the cache. */
    @TearDown(Level.Trial)
    public void stop() {
        cache.close();
        shared.close();
    }
}
