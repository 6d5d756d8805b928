package io.tollgate.config;

import static io.tollgate.config.ConfigFixtures.failure;
import static io.tollgate.config.ConfigFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A provider's balancing, retries and circuit breaker, and its keys' models and rate limits. */
class ProviderRoutingBindingTest {

    /** A mock provider whose map gets {@code extra} appended. */
    private static String mock(String extra) {
        return "providers: { m: { type: mock" + extra + " } }";
    }

    @Test
    void shouldDefaultEverySettingWhenAbsent() {
        ProviderConfig provider = parse(mock("")).providers().get("m");

        assertThat(provider.balancing()).isEqualTo(BalancingStrategy.ADAPTIVE);
        assertThat(provider.retries()).isEqualTo(new RetryPolicy(2, 100, 2_000));
        assertThat(provider.circuitBreaker()).isEqualTo(new CircuitBreakerConfig(5, 50, 20, 30_000, 1));
        assertThat(provider.keys().getFirst().models()).isEmpty();
        assertThat(provider.keys().getFirst().rpm()).isEmpty();
        assertThat(provider.keys().getFirst().tpm()).isEmpty();
    }

    @Test
    void shouldBindEveryBalancingStrategyByItsKebabCaseName() {
        for (BalancingStrategy strategy : BalancingStrategy.values()) {
            ProviderConfig provider = parse(mock(", balancing: " + strategy.configName())).providers().get("m");
            assertThat(provider.balancing()).isEqualTo(strategy);
        }
        assertThat(BalancingStrategy.WEIGHTED_RANDOM.configName()).isEqualTo("weighted-random");
    }

    @Test
    void shouldBindRetriesAndCircuitBreakerDefaultingEachMissingKey() {
        ProviderConfig provider = parse(mock(", retries: { max: 0, backoff_max_ms: 500 },"
                + " circuit_breaker: { consecutive_failures: 3, window: 10, open_ms: 5000 }")).providers().get("m");

        assertThat(provider.retries()).isEqualTo(new RetryPolicy(0, 100, 500));
        assertThat(provider.circuitBreaker()).isEqualTo(new CircuitBreakerConfig(3, 50, 10, 5_000, 1));
    }

    @Test
    void shouldBindKeyModelsAndRateLimits() {
        ProviderConfig provider = parse("""
                providers:
                  openai:
                    type: openai
                    keys:
                      - { name: big, value: sk-a, weight: 3, models: [gpt-4o, gpt-4o-mini], rpm: 10000, tpm: 30000000 }
                      - { name: small, value: sk-b }
                """).providers().get("openai");

        ProviderKey big = provider.keys().get(0);
        assertThat(big.models()).containsExactly("gpt-4o", "gpt-4o-mini");
        assertThat(big.rpm()).isEqualTo(OptionalLong.of(10_000));
        assertThat(big.tpm()).isEqualTo(OptionalLong.of(30_000_000));
        assertThat(big.serves("gpt-4o")).isTrue();
        assertThat(big.serves("o3")).isFalse();
        ProviderKey small = provider.keys().get(1);
        assertThat(small).isEqualTo(new ProviderKey("small", new Secret("sk-b"), 1, List.of(), OptionalLong.empty(),
                OptionalLong.empty()));
        assertThat(small.serves("o3")).as("a key listing no models serves every model").isTrue();
    }

    @Test
    void shouldShowTheNewSettingsButNoKeyValueInToString() {
        ProviderConfig provider = parse(mock(", balancing: least-busy, keys: [ { name: k, value: secret-value-1 } ]"))
                .providers().get("m");

        assertThat(provider.toString()).contains("balancing=least-busy", "retries=RetryPolicy[max=2",
                "circuitBreaker=CircuitBreakerConfig[consecutiveFailures=5").doesNotContain("secret-value-1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "balancing: random                  | providers.m.balancing: must be one of adaptive, weighted-random, round-robin, least-latency, least-busy, was \"random\"",
        "balancing: round_robin             | providers.m.balancing: must be one of adaptive, weighted-random, round-robin, least-latency, least-busy, was \"round_robin\", did you mean 'round-robin'?",
        "balancing: 3                       | providers.m.balancing: must be a string, was 3",
        "balancnig: adaptive                | providers.m: unknown key 'balancnig', did you mean 'balancing'?",
        "retries: 3                         | providers.m.retries: must be a map, was 3",
        "retries: { mx: 3 }                 | providers.m.retries: unknown key 'mx', did you mean 'max'?",
        "retries: { max: 11 }               | providers.m.retries.max: must be 0..10, was 11",
        "retries: { max: -1 }               | providers.m.retries.max: must be 0..10, was -1",
        "retries: { max: two }              | providers.m.retries.max: must be an integer, was \"two\"",
        "retries: { backoff_initial_ms: 0 } | providers.m.retries.backoff_initial_ms: must be at least 1, was 0",
        "retries: { backoff_max_ms: 50 }    | providers.m.retries.backoff_max_ms: must be at least backoff_initial_ms (100), was 50",
        "circuit_breaker: { windwo: 5 }     | providers.m.circuit_breaker: unknown key 'windwo', did you mean 'window'?",
        "circuit_breaker: { consecutive_failures: 0 } | providers.m.circuit_breaker.consecutive_failures: must be 1..1000, was 0",
        "circuit_breaker: { error_rate_percent: 101 } | providers.m.circuit_breaker.error_rate_percent: must be 1..100, was 101",
        "circuit_breaker: { window: 0 }     | providers.m.circuit_breaker.window: must be 1..56, was 0",
        "circuit_breaker: { open_ms: 0 }    | providers.m.circuit_breaker.open_ms: must be 1..3600000, was 0",
        "circuit_breaker: { window: 4, half_open_probes: 5 } | providers.m.circuit_breaker.half_open_probes: must be 1..4, was 5",
    })
    void shouldReportProviderSettingProblemsWithTheirPath(String extra, String expected) {
        assertThat(failure(mock(", " + extra))).isEqualTo("test.yaml: " + expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "models: gpt-4o          | providers.m.keys[0].models: must be a list, was \"gpt-4o\"",
        "models: [ '' ]          | providers.m.keys[0].models[0]: must not be blank",
        "models: [ a, b, a ]     | providers.m.keys[0].models[2]: duplicate model 'a'",
        "rpm: 0                  | providers.m.keys[0].rpm: must be at least 1, was 0",
        "tpm: -5                 | providers.m.keys[0].tpm: must be at least 1, was -5",
        "tpm: lots               | providers.m.keys[0].tpm: must be an integer, was \"lots\"",
        "rps: 5                  | providers.m.keys[0]: unknown key 'rps', did you mean 'rpm'?",
    })
    void shouldReportKeySettingProblemsWithTheirPath(String extra, String expected) {
        assertThat(failure(mock(", keys: [ { name: k, value: v, " + extra + " } ]")))
                .isEqualTo("test.yaml: " + expected);
    }
}
