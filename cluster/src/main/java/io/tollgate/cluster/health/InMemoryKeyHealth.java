package io.tollgate.cluster.health;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Key health in this JVM only: for one node without a grid, and for tests. Thread-safe.
 */
public final class InMemoryKeyHealth implements KeyHealth {

    private final ConcurrentHashMap<String, KeyState> states = new ConcurrentHashMap<>();

    private InMemoryKeyHealth() {
    }

    /** Every key available. */
    public static InMemoryKeyHealth create() {
        return new InMemoryKeyHealth();
    }

    @Override
    public KeyState state(String provider, String key, Instant now) {
        KeyState state = states.get(id(provider, key));
        return state == null || state.usableAt(now) ? KeyState.AVAILABLE : state;
    }

    @Override
    public void coolDown(String provider, String key, Instant until, String reason, Instant now) {
        apply(provider, key, new KeyState(KeyState.Status.COOLING, Optional.of(until), reason, now));
    }

    @Override
    public void markDead(String provider, String key, Instant until, String reason, Instant now) {
        apply(provider, key, new KeyState(KeyState.Status.DEAD, Optional.of(until), reason, now));
    }

    @Override
    public void revive(String provider, String key) {
        states.remove(id(provider, key));
    }

    @Override
    public Map<String, KeyState> unavailable(Instant now) {
        Map<String, KeyState> out = new TreeMap<>();
        states.forEach((id, state) -> {
            if (!state.usableAt(now)) {
                out.put(id, state);
            }
        });
        return out;
    }

    /** Applies a new state unless the key already has one of at least the same severity lasting longer. */
    void apply(String provider, String key, KeyState next) {
        states.merge(id(provider, key), next, KeyHealthMerge::stronger);
    }

    static String id(String provider, String key) {
        return provider + "/" + key;
    }
}
