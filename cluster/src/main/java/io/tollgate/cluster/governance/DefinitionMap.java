package io.tollgate.cluster.governance;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryLoadedListener;
import com.hazelcast.map.listener.EntryMergedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One kind of definition in the grid (an IMap of id to JSON) and in this node's {@link LocalView}. Every write
 * is a compare-and-set against the JSON it read, so concurrent changes of one definition on different nodes
 * cannot silently overwrite each other, and lands in the local view before it returns. A listener keeps the
 * view current with other nodes' writes.
 */
final class DefinitionMap<T> {

    private static final Logger LOG = Logger.getLogger(DefinitionMap.class.getName());

    private final String what;
    private final IMap<String, String> map;
    private final LocalView view;
    private final LocalView.Section<T> section;
    private final Function<T, String> id;
    private final BiFunction<T, Long, String> encode;
    private final Function<String, Stored<T>> decode;
    private UUID listener;

    DefinitionMap(String what, IMap<String, String> map, LocalView view, LocalView.Section<T> section,
                  Function<T, String> id, BiFunction<T, Long, String> encode, Function<String, Stored<T>> decode) {
        this.what = what;
        this.map = map;
        this.view = view;
        this.section = section;
        this.id = id;
        this.encode = encode;
        this.decode = decode;
    }

    /** A definition as the grid holds it now, with the exact JSON a compare-and-set must match. */
    record Current<T>(Stored<T> stored, String json) {

        T value() {
            return stored.value();
        }
    }

    /** What this map holds ({@code customer}, {@code team}, {@code virtual key}), for messages. */
    String what() {
        return what;
    }

    LocalView.Section<T> section() {
        return section;
    }

    /** Subscribes the view to changes, then loads everything (a change racing the load is ordered by revision). */
    void start() {
        listener = map.addEntryListener(new Listener(), true);
        for (Map.Entry<String, String> entry : map.entrySet()) {
            apply(entry.getKey(), entry.getValue());
        }
    }

    void stop() {
        if (listener != null) {
            map.removeEntryListener(listener);
        }
    }

    /** The definition as the grid holds it (a round trip: for management calls, never the request path). */
    Optional<Current<T>> fetch(String key) {
        String json = map.get(key);
        if (json == null) {
            return Optional.empty();
        }
        Current<T> current = new Current<>(decode.apply(json), json);
        view.put(section, key, current.stored());
        return Optional.of(current);
    }

    /** The definition, or NOT_FOUND naming the id. */
    Current<T> require(String key) {
        return fetch(key).orElseThrow(() -> GovernanceException.notFound(what, key));
    }

    /** Stores a new definition (its id is fresh and random, so it cannot exist yet). */
    void insert(T value) {
        String key = id.apply(value);
        String json = encode.apply(value, 1L);
        if (map.putIfAbsent(key, json) != null) {
            throw GovernanceException.conflict("id", what + " id '" + key + "' is taken");
        }
        view.put(section, key, new Stored<>(value, 1));
    }

    /** Replaces {@code current} with {@code next}; false when it changed meanwhile (read again and retry). */
    boolean replace(Current<T> current, T next) {
        String key = id.apply(next);
        long revision = current.stored().revision() + 1;
        if (!map.replace(key, current.json(), encode.apply(next, revision))) {
            return false;
        }
        view.put(section, key, new Stored<>(next, revision));
        return true;
    }

    /** Removes {@code current}; false when it changed meanwhile. */
    boolean delete(Current<T> current) {
        String key = id.apply(current.value());
        if (!map.remove(key, current.json())) {
            return false;
        }
        view.remove(section, key, current.stored().revision());
        return true;
    }

    /** Reads one entry from the grid and brings the local view up to it (present or deleted). */
    void refresh(String key) {
        String json = map.get(key);
        if (json == null) {
            view.remove(section, key, Long.MAX_VALUE);
            view.removalSeen(section, key);
        } else {
            apply(key, json);
        }
    }

    /** The grid map's name. */
    String mapName() {
        return map.getName();
    }

    private void apply(String key, String json) {
        try {
            view.put(section, key, decode.apply(json));
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "ignoring unreadable " + what + " '" + key + "': " + e.getMessage());
        }
    }

    /**
     * Applies other nodes' writes (and echoes of this node's, which the revision check skips). Evictions are not
     * deletions (the maps are never evicted by configuration, and a persisted entry reloads), so they leave the
     * view as it is.
     */
    private final class Listener implements EntryAddedListener<String, String>, EntryUpdatedListener<String, String>,
            EntryRemovedListener<String, String>, EntryLoadedListener<String, String>,
            EntryMergedListener<String, String> {

        @Override
        public void entryAdded(EntryEvent<String, String> event) {
            apply(event.getKey(), event.getValue());
        }

        @Override
        public void entryUpdated(EntryEvent<String, String> event) {
            apply(event.getKey(), event.getValue());
        }

        @Override
        public void entryLoaded(EntryEvent<String, String> event) {
            apply(event.getKey(), event.getValue());
        }

        @Override
        public void entryMerged(EntryEvent<String, String> event) {
            apply(event.getKey(), event.getValue());
        }

        @Override
        public void entryRemoved(EntryEvent<String, String> event) {
            long revision = Long.MAX_VALUE;
            if (event.getOldValue() != null) {
                try {
                    revision = decode.apply(event.getOldValue()).revision();
                } catch (IllegalArgumentException e) {
                    LOG.log(Level.FINE, "removed " + what + " was unreadable", e);
                }
            }
            view.remove(section, event.getKey(), revision);
            view.removalSeen(section, event.getKey());
        }
    }
}
