package io.tollgate.node.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class StrategiesTest {

    private static final Duration STEP = Duration.ofMillis(10);

    @Test
    void shouldInterleaveSmoothlyWhenRoundRobinWeights5To1To1() {
        BalancerRig rig = BalancerRig.of(Strategy.ROUND_ROBIN, BalancedKey.of("a", 5), BalancedKey.of("b", 1),
                BalancedKey.of("c", 1));

        List<String> order = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            order.add(rig.chooseName());
        }

        assertThat(order).containsExactly("a", "a", "b", "a", "c", "a", "a", "a", "a", "b", "a", "c", "a", "a");
    }

    @Test
    void shouldPickTheFastestKeyWhenLeastLatency() {
        BalancerRig rig = BalancerRig.of(Strategy.LEAST_LATENCY, BalancerRig.keys("a", "b", "c"));
        rig.run(3, STEP, name -> 100); // ties before any sample: all three get one
        for (String name : List.of("a", "b", "c")) {
            sample(rig, name, name.equals("b") ? 40 : 120);
        }

        Map<String, Integer> counts = rig.run(100, STEP, name -> name.equals("b") ? 40 : 120);

        assertThat(counts).containsOnlyKeys("b");
    }

    @Test
    void shouldBreakLatencyTiesByWeight() {
        BalancerRig rig = BalancerRig.of(Strategy.LEAST_LATENCY, BalancedKey.of("a", 1), BalancedKey.of("b", 3));

        assertThat(rig.run(20, STEP, name -> 100)).containsOnlyKeys("b");
    }

    @Test
    void shouldPickTheKeyWithFewestInFlightRelativeToWeightWhenLeastBusy() {
        BalancerRig rig = BalancerRig.of(Strategy.LEAST_BUSY, BalancedKey.of("a", 2), BalancedKey.of("b", 1));

        Attempt first = rig.choose().orElseThrow();   // both idle: the heavier a
        Attempt second = rig.choose().orElseThrow();  // a has 1/2 in flight, b 0/1
        Attempt third = rig.choose().orElseThrow();   // a 1/2, b 1/1

        assertThat(List.of(first, second, third)).extracting(a -> a.key().name()).containsExactly("a", "b", "a");
    }

    @Test
    void shouldSpreadBetweenIdleEqualKeysWhenLeastBusy() {
        BalancerRig rig = BalancerRig.of(Strategy.LEAST_BUSY, BalancerRig.keys("a", "b", "c"));

        assertThat(rig.run(300, STEP, name -> 100)).containsOnlyKeys("a", "b", "c")
                .allSatisfy((name, count) -> assertThat(count).as(name).isBetween(70, 130));
    }

    @Test
    void shouldAvoidKeyWithManyRequestsInFlightWhenAdaptive() {
        BalancerRig rig = BalancerRig.of(Strategy.ADAPTIVE, BalancerRig.keys("a", "b"));
        List<Attempt> held = new ArrayList<>();
        while (held.size() < 5) {
            Attempt attempt = rig.choose().orElseThrow();
            if (attempt.key().name().equals("a")) {
                held.add(attempt); // five requests stuck on a
            } else {
                attempt.succeeded(Duration.ofMillis(100), 10, UpstreamQuota.UNKNOWN);
            }
        }

        Map<String, Integer> counts = rig.run(1_000, STEP, name -> 100);

        assertThat(BalancerRig.share(counts, "a", 1_000)).as("share of a with 5 in flight").isLessThan(0.1);
    }

    @Test
    void shouldAvoidKeyWhoseUpstreamQuotaIsNearlyGoneWhenAdaptive() {
        BalancerRig rig = BalancerRig.of(Strategy.ADAPTIVE, BalancerRig.keys("a", "b"));
        Instant reset = BalancerRig.START.plusSeconds(60);
        UpstreamQuota low = new UpstreamQuota(OptionalLong.of(1), OptionalLong.empty(), Optional.of(reset));
        UpstreamQuota plenty = new UpstreamQuota(OptionalLong.of(5_000), OptionalLong.empty(), Optional.of(reset));

        int aCount = 0;
        for (int i = 0; i < 1_000; i++) {
            Attempt attempt = rig.choose().orElseThrow();
            boolean a = attempt.key().name().equals("a");
            aCount += a ? 1 : 0;
            rig.clock.advance(STEP);
            attempt.succeeded(Duration.ofMillis(100), 10, a ? low : plenty);
        }

        assertThat(aCount / 1_000.0).as("share of a (1 request left upstream) until its reset").isLessThan(0.1);
        assertThat(rig.balancer.report().getFirst().quota().remainingRequests()).hasValue(1);
    }

    @Test
    void shouldRefuseToEndAnAttemptTwice() {
        BalancerRig rig = BalancerRig.of(Strategy.WEIGHTED_RANDOM, BalancerRig.keys("a"));
        Attempt attempt = rig.choose().orElseThrow();
        attempt.succeeded(Duration.ofMillis(10), 1, UpstreamQuota.UNKNOWN);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> attempt.failed(new Failure.Cancelled()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the attempt on key 'a' already ended");
    }

    private static void sample(BalancerRig rig, String name, long ms) {
        for (int i = 0; i < 20; i++) {
            rig.balancer.choose(BalancerRig.MODEL, List.of(name), List.of()).orElseThrow()
                    .succeeded(Duration.ofMillis(ms), 10, UpstreamQuota.UNKNOWN);
        }
    }
}
