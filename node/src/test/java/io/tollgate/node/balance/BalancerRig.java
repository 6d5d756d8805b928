package io.tollgate.node.balance;

import io.tollgate.cluster.health.InMemoryKeyHealth;
import io.tollgate.node.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.ToLongFunction;

/** A balancer on a clock the test moves, an in-memory key health and a seeded random generator. */
final class BalancerRig {

    static final String PROVIDER = "openai";
    static final String MODEL = "gpt-4o-mini";
    static final Instant START = Instant.parse("2026-03-10T10:00:00Z");

    final MutableClock clock = MutableClock.at(START);
    final InMemoryKeyHealth health = InMemoryKeyHealth.create();
    final KeyBalancer balancer;

    private BalancerRig(Strategy strategy, BreakerSettings breaker, List<BalancedKey> keys) {
        this.balancer = KeyBalancer.create(PROVIDER, strategy, keys, breaker, health, clock, new SplittableRandom(42));
    }

    static BalancerRig of(Strategy strategy, BalancedKey... keys) {
        return new BalancerRig(strategy, BreakerSettings.DEFAULT, List.of(keys));
    }

    static BalancerRig of(Strategy strategy, BreakerSettings breaker, BalancedKey... keys) {
        return new BalancerRig(strategy, breaker, List.of(keys));
    }

    /** One key of weight 1 per name. */
    static BalancedKey[] keys(String... names) {
        BalancedKey[] keys = new BalancedKey[names.length];
        for (int i = 0; i < names.length; i++) {
            keys[i] = BalancedKey.of(names[i], 1);
        }
        return keys;
    }

    /** A choice for {@link #MODEL}, any key allowed, none excluded. */
    Optional<Attempt> choose() {
        return balancer.choose(MODEL, List.of(), List.of());
    }

    /** The name chosen, or "-" when none could be. */
    String chooseName() {
        return choose().map(a -> a.key().name()).orElse("-");
    }

    /**
     * Runs {@code n} sequential requests, each succeeding after the latency its key gets from {@code latencyMs}, the
     * clock moving {@code step} per request; returns how many each key served, by name.
     */
    Map<String, Integer> run(int n, Duration step, ToLongFunction<String> latencyMs) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Attempt attempt = choose().orElseThrow(() -> new AssertionError("no key chosen"));
            String name = attempt.key().name();
            counts.merge(name, 1, Integer::sum);
            clock.advance(step);
            attempt.succeeded(Duration.ofMillis(latencyMs.applyAsLong(name)), 100, UpstreamQuota.UNKNOWN);
        }
        return counts;
    }

    /** The share of {@code name} in {@code counts} out of {@code n}. */
    static double share(Map<String, Integer> counts, String name, int n) {
        return counts.getOrDefault(name, 0) / (double) n;
    }
}
