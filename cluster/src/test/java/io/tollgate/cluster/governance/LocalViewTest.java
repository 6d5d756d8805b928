package io.tollgate.cluster.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocalViewTest {

    private final LocalView view = new LocalView();

    private static VirtualKey key(String hash, String name) {
        return new VirtualKey("vk_K", name, hash, "tg-\u2026", true, Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), List.of(), Optional.empty(), Fixtures.T0, Fixtures.T0);
    }

    @Test
    void shouldIgnoreOlderRevisionArrivingLate() {
        view.loaded();
        view.put(view.keys(), "vk_K", new Stored<>(key(Fixtures.HASH, "new"), 2));
        view.put(view.keys(), "vk_K", new Stored<>(key(Fixtures.HASH, "old"), 1));
        assertThat(view.keys().get("vk_K")).map(VirtualKey::name).contains("new");
    }

    @Test
    void shouldMoveHashIndexWhenValueChanges() {
        String other = "b".repeat(64);
        view.put(view.keys(), "vk_K", new Stored<>(key(Fixtures.HASH, "k"), 1));
        view.put(view.keys(), "vk_K", new Stored<>(key(other, "k"), 2));
        assertThat(view.keyByHash(Fixtures.HASH)).isEmpty();
        assertThat(view.keyByHash(other)).map(VirtualKey::id).contains("vk_K");
    }

    @Test
    void shouldNotResurrectRemovedKeyFromLateEvent() {
        view.loaded();
        view.put(view.keys(), "vk_K", new Stored<>(key(Fixtures.HASH, "k"), 1));
        view.remove(view.keys(), "vk_K", 1);
        view.put(view.keys(), "vk_K", new Stored<>(key(Fixtures.HASH, "k"), 1));
        assertThat(view.keys().get("vk_K")).isEmpty();
        assertThat(view.keyByHash(Fixtures.HASH)).isEmpty();
    }

    @Test
    void shouldNotLetInitialLoadBringBackWhatAnEventRemoved() {
        view.remove(view.keys(), "vk_K", 1);
        view.removalSeen(view.keys(), "vk_K");
        view.put(view.keys(), "vk_K", new Stored<>(key(Fixtures.HASH, "k"), 1));
        assertThat(view.keys().get("vk_K")).isEmpty();
    }

    @Test
    void shouldCachePathUntilAnythingChanges() {
        VirtualKey key = key(Fixtures.HASH, "k");
        view.put(view.keys(), "vk_K", new Stored<>(key, 1));
        int[] computed = {0};
        java.util.function.BiFunction<VirtualKey, String, LocalView.Resolved> compute = (k, provider) -> {
            computed[0]++;
            return new LocalView.Resolved(Path.compute(k, provider, Optional.empty(), Optional.empty()), true);
        };
        Path first = view.path(key, "openai", compute);
        assertThat(view.path(key, "openai", compute)).isSameAs(first);
        view.put(view.teams(), "team_T", new Stored<>(Fixtures.team("team_T", Optional.empty(), List.of()), 1));
        assertThat(view.path(key, "openai", compute)).isNotSameAs(first).isEqualTo(first);
        assertThat(computed[0]).isEqualTo(2);
    }

    @Test
    void shouldNotCacheIncompletePathOrStaleKey() {
        VirtualKey current = key(Fixtures.HASH, "k");
        view.put(view.keys(), "vk_K", new Stored<>(current, 2));
        int[] computed = {0};
        java.util.function.BiFunction<VirtualKey, String, LocalView.Resolved> incomplete = (k, provider) -> {
            computed[0]++;
            return new LocalView.Resolved(Path.compute(k, provider, Optional.empty(), Optional.empty()), false);
        };
        java.util.function.BiFunction<VirtualKey, String, LocalView.Resolved> complete = (k, provider) -> {
            computed[0]++;
            return new LocalView.Resolved(Path.compute(k, provider, Optional.empty(), Optional.empty()), true);
        };
        view.path(current, "openai", incomplete);
        view.path(key(Fixtures.HASH, "older"), "openai", complete);
        assertThat(computed[0]).as("neither was cached, so both computed").isEqualTo(2);
        Path cached = view.path(current, "openai", complete);
        assertThat(view.path(current, "openai", complete)).isSameAs(cached);
        assertThat(computed[0]).isEqualTo(3);
    }
}
