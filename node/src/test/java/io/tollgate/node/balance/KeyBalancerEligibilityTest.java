package io.tollgate.node.balance;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.cluster.health.KeyState;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyBalancerEligibilityTest {

    @Test
    void shouldNeverChooseCoolingKeyUntilClockPassesItsEndThenChooseIt() {
        BalancerRig rig = BalancerRig.of(Strategy.WEIGHTED_RANDOM, BalancerRig.keys("a", "b"));
        Instant until = BalancerRig.START.plusSeconds(2);
        rig.health.coolDown(BalancerRig.PROVIDER, "a", until, "429", BalancerRig.START);

        Set<String> before = new HashSet<>();
        while (rig.clock.instant().isBefore(until)) {
            rig.choose().ifPresent(a -> {
                before.add(a.key().name());
                a.succeeded(Duration.ofMillis(100), 10, UpstreamQuota.UNKNOWN);
            });
            rig.clock.advance(Duration.ofMillis(10));
        }
        Set<String> after = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            Attempt attempt = rig.choose().orElseThrow();
            after.add(attempt.key().name());
            attempt.succeeded(Duration.ofMillis(100), 10, UpstreamQuota.UNKNOWN);
        }

        assertThat(before).as("keys chosen in the 2 s cool-down of a").containsExactly("b");
        assertThat(after).as("keys chosen after it").containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void shouldNeverChooseDeadExcludedDisallowedOrNonServingKeys() {
        BalancerRig rig = BalancerRig.of(Strategy.ADAPTIVE, BalancedKey.of("dead", 1), BalancedKey.of("tried", 1),
                BalancedKey.of("other-team", 1),
                new BalancedKey("embeddings", 1, Set.of("text-embedding-3-small"), OptionalLong.empty(),
                        OptionalLong.empty()),
                BalancedKey.of("ok", 1));
        rig.health.markDead(BalancerRig.PROVIDER, "dead", BalancerRig.START.plusSeconds(600), "401",
                BalancerRig.START);
        List<String> allowed = List.of("dead", "tried", "embeddings", "ok");

        Set<String> chosen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            Attempt attempt = rig.balancer.choose(BalancerRig.MODEL, allowed, List.of("tried")).orElseThrow();
            chosen.add(attempt.key().name());
            attempt.succeeded(Duration.ofMillis(100), 10, UpstreamQuota.UNKNOWN);
        }

        assertThat(chosen).containsExactly("ok");
    }

    @Test
    void shouldChooseNothingAndNameEveryKeysStateWhenAllAreUnavailable() {
        BalancerRig rig = BalancerRig.of(Strategy.ADAPTIVE, BalancedKey.of("k1", 1), BalancedKey.of("k2", 1),
                BalancedKey.of("k3", 1),
                new BalancedKey("k4", 1, Set.of("o1"), OptionalLong.empty(), OptionalLong.empty()),
                BalancedKey.of("k5", 1));
        Instant now = BalancerRig.START;
        rig.health.coolDown(BalancerRig.PROVIDER, "k1", now.plusSeconds(2), "429", now);
        rig.health.markDead(BalancerRig.PROVIDER, "k2", now.plusSeconds(600), "401", now);
        for (int i = 0; i < BreakerSettings.DEFAULT.consecutiveFailures(); i++) {
            rig.balancer.choose(BalancerRig.MODEL, List.of("k3"), List.of()).orElseThrow()
                    .failed(new Failure.ServerError(503));
        }
        List<String> allowed = List.of("k1", "k2", "k3", "k4");

        assertThat(rig.balancer.choose(BalancerRig.MODEL, allowed, List.of())).isEmpty();
        assertThat(rig.balancer.unavailableSummary(BalancerRig.MODEL, allowed)).isEqualTo(
                "k1 cooling until 2026-03-10T10:00:02Z (429), k2 dead until 2026-03-10T10:10:00Z (401), "
                        + "k3 circuit open until 2026-03-10T10:00:30Z, k4 does not serve gpt-4o-mini, "
                        + "k5 not allowed for this virtual key");
    }

    @Test
    void shouldNotChooseKeyWithRpm3AFourthTimeInTheSameMinute() {
        BalancerRig rig = BalancerRig.of(Strategy.ADAPTIVE,
                new BalancedKey("small", 1, Set.of(), OptionalLong.of(3), OptionalLong.empty()));
        rig.clock.advance(Duration.ofSeconds(50));

        for (int i = 0; i < 3; i++) {
            assertThat(rig.chooseName()).as("choice %d in the minute", i + 1).isEqualTo("small");
        }
        assertThat(rig.choose()).as("the 4th choice in the minute").isEmpty();
        assertThat(rig.balancer.unavailableSummary(BalancerRig.MODEL, List.of()))
                .isEqualTo("small at its limit of 3 requests per minute");
        rig.clock.advance(Duration.ofSeconds(10));
        assertThat(rig.chooseName()).as("the first choice of the next minute").isEqualTo("small");
    }

    @Test
    void shouldNotChooseKeyOverItsTpmThisMinute() {
        BalancerRig rig = BalancerRig.of(Strategy.WEIGHTED_RANDOM,
                new BalancedKey("small", 1, Set.of(), OptionalLong.empty(), OptionalLong.of(1_000)),
                BalancedKey.of("big", 1));
        Attempt first;
        do {
            first = rig.choose().orElseThrow();
            if (first.key().name().equals("big")) {
                first.succeeded(Duration.ofMillis(100), 5_000, UpstreamQuota.UNKNOWN);
            }
        } while (first.key().name().equals("big"));
        first.succeeded(Duration.ofMillis(100), 1_000, UpstreamQuota.UNKNOWN);

        Set<String> chosen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            chosen.add(rig.chooseName());
        }

        assertThat(chosen).containsExactly("big");
        assertThat(rig.balancer.report().getFirst().tokensThisMinute()).isEqualTo(1_000);
    }

    @Test
    void shouldCoolDownKeyForRetryAfterOrDefaultWhenRateLimited() {
        BalancerRig rig = BalancerRig.of(Strategy.ADAPTIVE, BalancerRig.keys("a", "b"));
        Attempt first = rig.balancer.choose(BalancerRig.MODEL, List.of("a"), List.of()).orElseThrow();
        first.failed(new Failure.RateLimited(java.util.Optional.of(Duration.ofSeconds(3))));
        Attempt second = rig.balancer.choose(BalancerRig.MODEL, List.of("b"), List.of()).orElseThrow();
        second.failed(new Failure.RateLimited(java.util.Optional.empty()));

        KeyState a = rig.health.state(BalancerRig.PROVIDER, "a", BalancerRig.START);
        KeyState b = rig.health.state(BalancerRig.PROVIDER, "b", BalancerRig.START);
        assertThat(a.status()).isEqualTo(KeyState.Status.COOLING);
        assertThat(a.until()).contains(BalancerRig.START.plusSeconds(3));
        assertThat(b.until()).contains(BalancerRig.START.plus(KeyBalancer.DEFAULT_COOL_DOWN));
        assertThat(rig.choose()).isEmpty();
    }

    @Test
    void shouldKeepACoolDownAnotherNodeSetWhileTheAttemptWasInFlight() {
        BalancerRig rig = BalancerRig.of(Strategy.ADAPTIVE, BalancerRig.keys("a"));
        rig.health.coolDown(BalancerRig.PROVIDER, "a", BalancerRig.START.plusSeconds(1), "429", BalancerRig.START);
        assertThat(rig.choose()).isEmpty();
        rig.clock.advance(Duration.ofSeconds(1));
        Attempt attempt = rig.choose().orElseThrow();
        Instant now = rig.clock.instant();
        rig.health.coolDown(BalancerRig.PROVIDER, "a", now.plusSeconds(5), "429", now); // another node's 429

        attempt.succeeded(Duration.ofMillis(80), 10, UpstreamQuota.UNKNOWN);

        assertThat(rig.health.state(BalancerRig.PROVIDER, "a", now).until()).contains(now.plusSeconds(5));
    }

    @Test
    void shouldMarkKeyDeadForTenMinutesWhenUnauthorizedAndReviveItWhenItServesAgain() {
        BalancerRig rig = BalancerRig.of(Strategy.ADAPTIVE, BalancerRig.keys("a"));
        rig.choose().orElseThrow().failed(new Failure.Unauthorized(401));

        KeyState dead = rig.health.state(BalancerRig.PROVIDER, "a", BalancerRig.START);
        assertThat(dead.status()).isEqualTo(KeyState.Status.DEAD);
        assertThat(dead.until()).contains(BalancerRig.START.plus(KeyBalancer.DEAD_FOR));
        assertThat(dead.reason()).isEqualTo("401");
        assertThat(rig.choose()).isEmpty();

        rig.clock.advance(KeyBalancer.DEAD_FOR);
        rig.choose().orElseThrow().succeeded(Duration.ofMillis(80), 10, UpstreamQuota.UNKNOWN);

        assertThat(rig.health.state(BalancerRig.PROVIDER, "a", Instant.EPOCH))
                .as("the recorded state once the key served again").isEqualTo(KeyState.AVAILABLE);
    }
}
