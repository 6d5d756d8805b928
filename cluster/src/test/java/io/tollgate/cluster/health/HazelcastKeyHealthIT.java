package io.tollgate.cluster.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.cluster.grid.Grid;
import io.tollgate.cluster.grid.GridSettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Key health across members in one JVM that refuses Java deserialization of our classes (as a node does): a change made
 * on one member is in every member's local view when the call returns, and a member that joins later sees it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HazelcastKeyHealthIT {

    static {
        io.tollgate.cluster.testing.NodeSerialFilter.install();
    }

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    private final String name = "kh-" + UUID.randomUUID();
    private Grid first;
    private Grid second;
    private Grid third;

    @AfterEach
    void stop() {
        for (Grid grid : new Grid[] {third, second, first}) {
            if (grid != null) {
                grid.close();
            }
        }
    }

    @Test
    void shouldShowAChangeOnEveryMemberWhenTheCallReturnsAndToAMemberThatJoinsLater() {
        first = Grid.start(GridSettings.local(name), Map.of());
        second = join(first);
        HazelcastKeyHealth one = HazelcastKeyHealth.create(first);
        HazelcastKeyHealth two = HazelcastKeyHealth.create(second);

        one.coolDown("openai", "k1", NOW.plusSeconds(2), "429", NOW);
        assertThat(two.state("openai", "k1", NOW).status()).isEqualTo(KeyState.Status.COOLING);
        two.markDead("anthropic", "k2", NOW.plusSeconds(600), "401", NOW);
        assertThat(one.state("anthropic", "k2", NOW).status()).isEqualTo(KeyState.Status.DEAD);

        third = join(first);
        HazelcastKeyHealth three = HazelcastKeyHealth.create(third);
        assertThat(three.unavailable(NOW)).containsOnlyKeys("openai/k1", "anthropic/k2");

        three.revive("anthropic", "k2");
        assertThat(one.state("anthropic", "k2", NOW)).isEqualTo(KeyState.AVAILABLE);
        assertThat(two.state("anthropic", "k2", NOW)).isEqualTo(KeyState.AVAILABLE);
        assertThat(one.state("openai", "k1", NOW.plusSeconds(2))).as("the cool-down ends").isEqualTo(KeyState.AVAILABLE);
    }

    private Grid join(Grid member) {
        int port = member.instance().getCluster().getLocalMember().getAddress().getPort();
        return Grid.start(new GridSettings(name, "127.0.0.1", 0, List.of("127.0.0.1:" + port)), Map.of());
    }
}
