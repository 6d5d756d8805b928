package io.tollgate.cluster.health;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.tollgate.cluster.grid.Broadcast;
import io.tollgate.cluster.grid.Grid;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Key health of a cluster. Each member keeps a local view (read by {@link #state} on every request, no grid call);
 * a change is merged into the map {@value #MAP_NAME} on the key's owner (an entry processor, so two members
 * reporting the same key at once combine: dead beats cooling, the later end wins), then applied to every member's
 * local view before the call returns ({@link ApplyKeyState} sent to all members). A member that joins later loads the
 * map; an entry listener is the backstop for a member that missed a broadcast. Not persisted: cool-downs last
 * seconds, and a restarted cluster probes dead keys again, which answer 401 again if they still are.
 */
public final class HazelcastKeyHealth implements KeyHealth, AutoCloseable {

    /** The map of non-available keys, {@code provider/key} to {@link KeyStateText}. */
    public static final String MAP_NAME = "tollgate.keyhealth";
    /** Where each member keeps its key health in the instance's user context. */
    static final String CONTEXT_KEY = "tollgate.keyhealth";
    private static final String EXECUTOR = "tollgate-keyhealth";
    private static final long BROADCAST_TIMEOUT_SECONDS = 5;
    private static final Logger LOG = Logger.getLogger(HazelcastKeyHealth.class.getName());

    private final HazelcastInstance instance;
    private final IMap<String, String> map;
    private final ConcurrentHashMap<String, KeyState> local = new ConcurrentHashMap<>();
    private final UUID listener;

    private HazelcastKeyHealth(HazelcastInstance instance) {
        this.instance = instance;
        this.map = instance.getMap(MAP_NAME);
        this.listener = map.addEntryListener(new Listener(), true);
        map.forEach((id, text) -> local.put(id, KeyStateText.read(text)));
        instance.getUserContext().put(CONTEXT_KEY, this);
    }

    /** The key health of this member's cluster. */
    public static HazelcastKeyHealth create(Grid grid) {
        return new HazelcastKeyHealth(grid.instance());
    }

    @Override
    public KeyState state(String provider, String key, Instant now) {
        KeyState state = local.get(InMemoryKeyHealth.id(provider, key));
        return state == null || state.usableAt(now) ? KeyState.AVAILABLE : state;
    }

    @Override
    public void coolDown(String provider, String key, Instant until, String reason, Instant now) {
        change(InMemoryKeyHealth.id(provider, key),
                new KeyState(KeyState.Status.COOLING, Optional.of(until), reason, now));
    }

    @Override
    public void markDead(String provider, String key, Instant until, String reason, Instant now) {
        change(InMemoryKeyHealth.id(provider, key), new KeyState(KeyState.Status.DEAD, Optional.of(until), reason, now));
    }

    @Override
    public void revive(String provider, String key) {
        String id = InMemoryKeyHealth.id(provider, key);
        map.delete(id);
        broadcast(id, "");
    }

    @Override
    public Map<String, KeyState> unavailable(Instant now) {
        Map<String, KeyState> out = new TreeMap<>();
        local.forEach((id, state) -> {
            if (!state.usableAt(now)) {
                out.put(id, state);
            }
        });
        return out;
    }

    @Override
    public void close() {
        try {
            instance.getUserContext().remove(CONTEXT_KEY, this);
            map.removeEntryListener(listener);
        } catch (RuntimeException e) {
            LOG.fine("closing the key health on a member that is gone: " + e);
        }
    }

    /** Applies a state (or, for an empty text, availability) to this member's local view. */
    void apply(String id, String text) {
        if (text.isEmpty()) {
            local.remove(id);
        } else {
            local.merge(id, KeyStateText.read(text), KeyHealthMerge::stronger);
        }
    }

    private void change(String id, KeyState next) {
        String merged = map.executeOnKey(id, new MergeKeyState(KeyStateText.write(next)));
        broadcast(id, merged);
    }

    private void broadcast(String id, String text) {
        apply(id, text);
        Broadcast.toEveryMember(instance, EXECUTOR, new ApplyKeyState(id, text),
                Duration.ofSeconds(BROADCAST_TIMEOUT_SECONDS)).ifPresent(why -> LOG.warning(
                "not every member confirmed the health of key '" + id + "' (its map listener will): " + why));
    }

    /** Keeps the local view in step with the map when a broadcast was missed. */
    private final class Listener implements EntryAddedListener<String, String>, EntryUpdatedListener<String, String>,
            EntryRemovedListener<String, String> {

        @Override
        public void entryAdded(EntryEvent<String, String> event) {
            apply(event.getKey(), event.getValue());
        }

        @Override
        public void entryUpdated(EntryEvent<String, String> event) {
            apply(event.getKey(), event.getValue());
        }

        @Override
        public void entryRemoved(EntryEvent<String, String> event) {
            local.remove(event.getKey());
        }
    }
}
