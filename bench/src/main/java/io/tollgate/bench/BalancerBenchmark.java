package io.tollgate.bench;

import io.tollgate.cluster.health.InMemoryKeyHealth;
import io.tollgate.node.balance.Attempt;
import io.tollgate.node.balance.BalancedKey;
import io.tollgate.node.balance.BreakerSettings;
import io.tollgate.node.balance.KeyBalancer;
import io.tollgate.node.balance.Strategy;
import io.tollgate.node.balance.UpstreamQuota;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The key balancer's cost per request: one {@link KeyBalancer#choose} and the {@link Attempt#succeeded} that ends
 * it, for a provider of four keys (weights 1, 1, 2, 4, every model, no own limits) with an in-memory
 * {@link InMemoryKeyHealth} in which one key has a cool-down that has run out (so every choice reads real states),
 * the system clock and {@link ThreadLocalRandom}, as a node runs it. Latencies fed back differ per key (80 to
 * 140 ms, with the upstream's quota headers parsed already), so the adaptive costs differ. One calling thread.
 * Pure CPU, no grid: shorter warmup and measurement than the governance benchmark keep the suite short.
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
    "--enable-native-access=ALL-UNNAMED"})
public class BalancerBenchmark {

    private static final List<BalancedKey> KEYS = List.of(BalancedKey.of("k1", 1), BalancedKey.of("k2", 1),
            BalancedKey.of("k3", 2), BalancedKey.of("k4", 4));
    private static final Duration[] LATENCIES = {Duration.ofMillis(80), Duration.ofMillis(100),
        Duration.ofMillis(120), Duration.ofMillis(140)};
    private static final List<String> ANY = List.of();

    /** The balancing strategy. */
    @Param({"ADAPTIVE", "WEIGHTED_RANDOM"})
    public String strategy;

    private KeyBalancer balancer;
    private UpstreamQuota quota;

    /** Builds the balancer and gives every key a few latency samples. */
    @Setup(Level.Trial)
    public void start() {
        Clock clock = Clock.systemUTC();
        InMemoryKeyHealth health = InMemoryKeyHealth.create();
        health.coolDown("openai", "k2", clock.instant().minusSeconds(1), "429", clock.instant().minusSeconds(2));
        balancer = KeyBalancer.create("openai", Strategy.valueOf(strategy), KEYS, BreakerSettings.DEFAULT, health,
                clock, ThreadLocalRandom.current());
        quota = UpstreamQuota.parse(name -> switch (name) {
            case "x-ratelimit-remaining-requests" -> java.util.Optional.of("4999");
            case "x-ratelimit-remaining-tokens" -> java.util.Optional.of("1999000");
            case "x-ratelimit-reset-requests" -> java.util.Optional.of("12ms");
            default -> java.util.Optional.empty();
        }, clock.instant().plusSeconds(3_600));
        for (int i = 0; i < 1_000; i++) {
            chooseAndSucceed();
        }
    }

    /**
     * One choice and its success.
     *
     * @return the attempt (consumed by JMH)
     * @throws IllegalStateException when no key is chosen: every key is meant to be available
     */
    @Benchmark
    public Attempt chooseAndSucceed() {
        Attempt attempt = balancer.choose("gpt-4o-mini", ANY, ANY)
                .orElseThrow(() -> new IllegalStateException("no key chosen: " + balancer.unavailableSummary(
                        "gpt-4o-mini", ANY)));
        int key = attempt.key().name().charAt(1) - '1';
        attempt.succeeded(LATENCIES[key], 300, quota);
        return attempt;
    }
}
