package io.tollgate.cluster.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules of key states, in memory: merging, expiry, the text form. */
class KeyHealthTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    private final InMemoryKeyHealth health = InMemoryKeyHealth.create();

    @Test
    void shouldCoolAKeyDownUntilItsTimeThenMakeItAvailable() {
        health.coolDown("openai", "k1", NOW.plusSeconds(2), "429 from the provider", NOW);

        assertThat(health.state("openai", "k1", NOW.plusMillis(1_999)).status()).isEqualTo(KeyState.Status.COOLING);
        assertThat(health.state("openai", "k1", NOW.plusSeconds(2))).isEqualTo(KeyState.AVAILABLE);
        assertThat(health.state("openai", "k2", NOW)).isEqualTo(KeyState.AVAILABLE);
        assertThat(health.unavailable(NOW)).containsOnlyKeys("openai/k1");
        assertThat(health.unavailable(NOW.plusSeconds(3))).isEmpty();
    }

    @Test
    void shouldKeepTheLongerCoolDownAndLetDeathBeatCooling() {
        health.coolDown("openai", "k1", NOW.plusSeconds(10), "first", NOW);
        health.coolDown("openai", "k1", NOW.plusSeconds(2), "shorter", NOW);
        assertThat(health.state("openai", "k1", NOW).reason()).isEqualTo("first");

        health.markDead("openai", "k1", NOW.plusSeconds(5), "401", NOW);
        assertThat(health.state("openai", "k1", NOW).status()).isEqualTo(KeyState.Status.DEAD);
        health.coolDown("openai", "k1", NOW.plusSeconds(60), "429", NOW);
        assertThat(health.state("openai", "k1", NOW).status()).as("dead beats cooling").isEqualTo(KeyState.Status.DEAD);
    }

    @Test
    void shouldLetANewStateReplaceOneThatRanOut() {
        health.markDead("openai", "k1", NOW.plusSeconds(5), "401", NOW);
        Instant later = NOW.plus(Duration.ofMinutes(1));

        health.coolDown("openai", "k1", later.plusSeconds(2), "429", later);

        assertThat(health.state("openai", "k1", later).status()).isEqualTo(KeyState.Status.COOLING);
    }

    @Test
    void shouldReviveAKey() {
        health.markDead("openai", "k1", NOW.plusSeconds(600), "403", NOW);

        health.revive("openai", "k1");

        assertThat(health.state("openai", "k1", NOW)).isEqualTo(KeyState.AVAILABLE);
    }

    @Test
    void shouldWriteAndReadTheTextFormWithAnyReason() {
        KeyState state = new KeyState(KeyState.Status.DEAD, Optional.of(NOW), "401 | invalid key", NOW.minusSeconds(1));

        assertThat(KeyStateText.read(KeyStateText.write(state))).isEqualTo(state);
        assertThat(KeyStateText.write(state)).startsWith("1|DEAD|");
        assertThatThrownBy(() -> KeyStateText.read("2|DEAD|0|0|x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a key state of format 1");
        assertThatThrownBy(() -> new KeyState(KeyState.Status.COOLING, Optional.empty(), "", NOW))
                .hasMessage("a COOLING key needs a time it may be tried again");
    }
}
