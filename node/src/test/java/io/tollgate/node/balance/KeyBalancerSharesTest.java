package io.tollgate.node.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class KeyBalancerSharesTest {

    private static final Duration STEP = Duration.ofMillis(10); // 100 requests per second

    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"ADAPTIVE", "WEIGHTED_RANDOM", "ROUND_ROBIN"})
    void shouldShareByWeightWithin3PointsAfter10000ChoicesWhenLatencyIsEqual(Strategy strategy) {
        BalancerRig rig = BalancerRig.of(strategy, BalancedKey.of("a", 1), BalancedKey.of("b", 1),
                BalancedKey.of("c", 2));
        int n = 10_000;

        Map<String, Integer> counts = rig.run(n, STEP, name -> 100);

        assertThat(BalancerRig.share(counts, "a", n)).as("share of a (weight 1 of 4), N=10000, ±0.03")
                .isCloseTo(0.25, within(0.03));
        assertThat(BalancerRig.share(counts, "b", n)).as("share of b (weight 1 of 4), N=10000, ±0.03")
                .isCloseTo(0.25, within(0.03));
        assertThat(BalancerRig.share(counts, "c", n)).as("share of c (weight 2 of 4), N=10000, ±0.03")
                .isCloseTo(0.50, within(0.03));
    }

    @Test
    void shouldCutSlowKeyBelowHalfItsWeightWithin500RequestsAndWinItBackWithin3000WhenFastAgain() {
        BalancerRig rig = BalancerRig.of(Strategy.ADAPTIVE, BalancedKey.of("a", 1), BalancedKey.of("b", 1),
                BalancedKey.of("c", 2));
        boolean[] slow = {true};

        rig.run(400, STEP, name -> name.equals("c") && slow[0] ? 300 : 100);
        Map<String, Integer> slowPhase = rig.run(100, STEP, name -> name.equals("c") && slow[0] ? 300 : 100);
        assertThat(BalancerRig.share(slowPhase, "c", 100))
                .as("share of c (weight 2 of 4, +200 ms) over requests 401-500").isLessThan(0.25);

        slow[0] = false;
        rig.run(3_000, STEP, name -> 100); // 30 s of clock at 100 requests per second
        Map<String, Integer> recovered = rig.run(1_000, STEP, name -> 100);
        assertThat(BalancerRig.share(recovered, "c", 1_000))
                .as("share of c over the 1000 requests after 3000 fast ones, ±0.05 of its weight")
                .isCloseTo(0.50, within(0.05));
    }

    @Test
    void shouldReportRecentSharesLatencyAndInFlight() {
        BalancerRig rig = BalancerRig.of(Strategy.ROUND_ROBIN, BalancedKey.of("a", 1), BalancedKey.of("b", 3));
        rig.run(400, STEP, name -> name.equals("a") ? 50 : 150);
        Attempt open = rig.choose().orElseThrow();

        var report = rig.balancer.report();

        assertThat(report).extracting(KeyReport::name).containsExactly("a", "b");
        assertThat(report.get(0).share()).isCloseTo(0.25, within(0.01));
        assertThat(report.get(1).share()).isCloseTo(0.75, within(0.01));
        // between samples an average drifts toward the provider's (~125 ms), so it is a little off the raw value
        assertThat(report.get(0).latencyMs().orElseThrow()).isCloseTo(50, within(3.0));
        assertThat(report.get(1).latencyMs().orElseThrow()).isCloseTo(150, within(3.0));
        assertThat(report).filteredOn(k -> k.name().equals(open.key().name()))
                .singleElement().extracting(KeyReport::inFlight).isEqualTo(1);
        assertThat(report).allSatisfy(k -> {
            assertThat(k.breaker()).isEqualTo(BreakerState.CLOSED);
            assertThat(k.errorRate()).isZero();
        });
    }
}
