package io.tollgate.node.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private static final Duration OPEN = BreakerSettings.DEFAULT.open();

    private final BalancerRig rig = BalancerRig.of(Strategy.ADAPTIVE, BalancerRig.keys("a"));

    @Test
    void shouldOpenAfterFiveConsecutiveFailuresAndRefuseWhileOpen() {
        for (int i = 0; i < 4; i++) {
            rig.choose().orElseThrow().failed(new Failure.ServerError(500));
        }
        assertThat(state()).as("after 4 failures in a row").isEqualTo(BreakerState.CLOSED);

        rig.choose().orElseThrow().failed(new Failure.TimedOut());

        assertThat(state()).as("after 5").isEqualTo(BreakerState.OPEN);
        rig.clock.advance(OPEN.minusMillis(1));
        assertThat(rig.choose()).as("1 ms before the open period ends").isEmpty();
        assertThat(rig.balancer.unavailableSummary(BalancerRig.MODEL, List.of()))
                .isEqualTo("a circuit open until 2026-03-10T10:00:30Z");
    }

    @Test
    void shouldLetOneProbeThroughWhenHalfOpenAndCloseOnItsSuccess() {
        open();
        rig.clock.advance(OPEN);
        assertThat(state()).isEqualTo(BreakerState.HALF_OPEN);

        Attempt probe = rig.choose().orElseThrow();
        assertThat(probe.probe()).isTrue();
        assertThat(rig.choose()).as("a second request while the probe is in flight").isEmpty();
        probe.succeeded(Duration.ofMillis(100), 10, UpstreamQuota.UNKNOWN);

        assertThat(state()).isEqualTo(BreakerState.CLOSED);
        for (int i = 0; i < 10; i++) {
            Attempt attempt = rig.choose().orElseThrow();
            assertThat(attempt.probe()).isFalse();
            attempt.succeeded(Duration.ofMillis(100), 10, UpstreamQuota.UNKNOWN);
        }
    }

    @Test
    void shouldReopenWhenTheProbeFails() {
        open();
        rig.clock.advance(OPEN);

        rig.choose().orElseThrow().failed(new Failure.Unreachable());

        assertThat(state()).isEqualTo(BreakerState.OPEN);
        assertThat(rig.balancer.report().getFirst().breakerOpenUntil())
                .contains(rig.clock.instant().plus(OPEN));
        assertThat(rig.choose()).isEmpty();
    }

    @Test
    void shouldGiveTheProbeBackWhenItEndsWithoutAVerdict() {
        open();
        rig.clock.advance(OPEN);

        rig.choose().orElseThrow().failed(new Failure.Cancelled());
        rig.choose().orElseThrow().failed(new Failure.ClientError());
        Attempt third = rig.choose().orElseThrow();

        assertThat(third.probe()).as("the probe after a cancelled and a client-error probe").isTrue();
        assertThat(state()).isEqualTo(BreakerState.HALF_OPEN);
    }

    @Test
    void shouldWriteOffAProbeThatNeverReportsAfterAnotherOpenPeriod() {
        open();
        rig.clock.advance(OPEN);
        Attempt lost = rig.choose().orElseThrow();
        rig.clock.advance(OPEN.minusMillis(1));
        assertThat(rig.choose()).as("while the lost probe may still report").isEmpty();

        rig.clock.advance(Duration.ofMillis(1));
        Attempt next = rig.choose().orElseThrow();

        assertThat(lost.probe()).isTrue();
        assertThat(next.probe()).isTrue();
    }

    @Test
    void shouldOpenWhenHalfOfAFullWindowOfTwentyFailedWithoutFiveInARow() {
        for (int i = 0; i < 19; i++) {
            Attempt attempt = rig.choose().orElseThrow();
            if (i % 2 == 0) {
                attempt.failed(new Failure.ServerError(502));
            } else {
                attempt.succeeded(Duration.ofMillis(100), 10, UpstreamQuota.UNKNOWN);
            }
        }
        assertThat(rig.balancer.report().getFirst().errorRate()).isCloseTo(10 / 19.0,
                org.assertj.core.api.Assertions.within(1e-9));
        assertThat(state()).as("10 failures in 19 outcomes: the window of 20 is not full").isEqualTo(
                BreakerState.CLOSED);

        rig.choose().orElseThrow().succeeded(Duration.ofMillis(100), 10, UpstreamQuota.UNKNOWN);
        rig.choose().orElseThrow().failed(new Failure.ServerError(502));

        assertThat(state()).as("10 failures in the last 20").isEqualTo(BreakerState.OPEN);
    }

    @Test
    void shouldNotCountClientErrorsCancellationsOrRateLimitsAgainstTheCircuit() {
        for (int i = 0; i < 20; i++) {
            rig.choose().orElseThrow().failed(i % 2 == 0 ? new Failure.ClientError() : new Failure.Cancelled());
        }

        assertThat(state()).isEqualTo(BreakerState.CLOSED);
        assertThat(rig.balancer.report().getFirst().errorRate()).isZero();
        assertThat(rig.balancer.report().getFirst().inFlight()).isZero();
    }

    private void open() {
        for (int i = 0; i < BreakerSettings.DEFAULT.consecutiveFailures(); i++) {
            rig.choose().orElseThrow().failed(new Failure.ServerError(503));
        }
        assertThat(state()).isEqualTo(BreakerState.OPEN);
    }

    private BreakerState state() {
        return rig.balancer.report().getFirst().breaker();
    }

    @Test
    void shouldOpenTheProvidersCircuitWhenEveryKeyFailsButNotForOneBadKeyAmongGoodOnes() {
        BalancerRig three = BalancerRig.of(Strategy.ROUND_ROBIN, BalancerRig.keys("a", "b", "c"));
        for (int i = 0; i < 30; i++) {
            Attempt attempt = three.choose().orElseThrow();
            if (attempt.key().name().equals("a")) {
                attempt.failed(new Failure.Unreachable());
            } else {
                attempt.succeeded(Duration.ofMillis(50), 10, UpstreamQuota.UNKNOWN);
            }
        }
        assertThat(three.choose()).as("one bad key among good ones: the provider stays open for business")
                .isPresent().get().satisfies(attempt -> attempt.succeeded(Duration.ofMillis(50), 1,
                        UpstreamQuota.UNKNOWN));

        BalancerRig down = BalancerRig.of(Strategy.ROUND_ROBIN, BalancerRig.keys("a", "b", "c"));
        int calls = 0;
        java.util.Optional<Attempt> attempt;
        while ((attempt = down.choose()).isPresent() && calls < 100) {
            attempt.get().failed(new Failure.Unreachable());
            calls++;
        }
        assertThat(calls).as("each key's own circuit, or the provider's, stops the calls within 15").isLessThanOrEqualTo(15);
        assertThat(down.balancer.unavailableSummary(BalancerRig.MODEL, List.of()))
                .startsWith("the provider's circuit is open until");

        down.clock.advance(OPEN);
        Attempt probe = down.choose().orElseThrow();
        assertThat(down.choose()).as("one probe for the whole provider while it is half-open").isEmpty();
        probe.succeeded(Duration.ofMillis(50), 1, UpstreamQuota.UNKNOWN);
        assertThat(down.choose()).as("the provider's circuit closed on the probe's success").isPresent();
    }
}
