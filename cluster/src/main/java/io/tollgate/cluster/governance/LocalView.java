package io.tollgate.cluster.governance;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * This node's copy of every definition, read without locks on the request path. Writers (this node's
 * management calls and the grid's listener events) serialize on the view; each change is applied only when its
 * revision is newer than the copy's, and a removal leaves a tombstone so a late event cannot bring the
 * definition back. Every applied change drops the cached {@link Path}s.
 */
final class LocalView {

    private final ConcurrentHashMap<String, VirtualKey> keysByHash = new ConcurrentHashMap<>();
    private final Section<Customer> customers = new Section<>(Customer::name, (before, after) -> { });
    private final Section<Team> teams = new Section<>(Team::name, (before, after) -> { });
    private final Section<VirtualKey> keys = new Section<>(VirtualKey::name, this::reindex);
    private volatile ConcurrentHashMap<String, ConcurrentHashMap<String, Path>> paths = new ConcurrentHashMap<>();
    private boolean loaded;

    Section<Customer> customers() {
        return customers;
    }

    Section<Team> teams() {
        return teams;
    }

    Section<VirtualKey> keys() {
        return keys;
    }

    Optional<VirtualKey> keyByHash(String hash) {
        return Optional.ofNullable(keysByHash.get(hash));
    }

    /** Applies a definition unless the view holds the same or a newer revision, or a tombstone. */
    synchronized <T> void put(Section<T> section, String id, Stored<T> stored) {
        Stored<T> previous = section.entries.get(id);
        if (section.accept(id, stored)) {
            section.onChange.accept(previous == null ? null : previous.value(), stored.value());
            invalidatePaths();
        }
    }

    /** Removes a definition and leaves a tombstone with its last revision. */
    synchronized <T> void remove(Section<T> section, String id, long revision) {
        Stored<T> removed = section.drop(id, revision);
        if (removed != null) {
            section.onChange.accept(removed.value(), null);
            invalidatePaths();
        }
    }

    /** A removal event arrived: no older event for this id can follow it, so its tombstone can go. */
    synchronized void removalSeen(Section<?> section, String id) {
        if (loaded) {
            section.tombstones.remove(id);
        }
    }

    /** The initial load is done: tombstones from events that raced it are no longer needed. */
    synchronized void loaded() {
        loaded = true;
        customers.tombstones.clear();
        teams.tombstones.clear();
        keys.tombstones.clear();
    }

    /** The cached path of a key and provider, or one computed (and cached when {@code cacheable}). */
    Path path(VirtualKey key, String provider, BiFunction<VirtualKey, String, Resolved> compute) {
        ConcurrentHashMap<String, ConcurrentHashMap<String, Path>> snapshot = paths;
        ConcurrentHashMap<String, Path> byProvider = snapshot.get(key.id());
        Path cached = byProvider == null ? null : byProvider.get(provider);
        if (cached != null) {
            return cached;
        }
        Resolved resolved = compute.apply(key, provider);
        // the caller's copy may be an equal one (a write's echo can reach the view before the writer does)
        boolean current = keys.current(key.id())
                .map(stored -> stored.value() == key || stored.value().equals(key)).orElse(false);
        if (resolved.complete() && current) {
            // a put into a snapshot that was replaced meanwhile is simply lost: the next call recomputes
            snapshot.computeIfAbsent(key.id(), id -> new ConcurrentHashMap<>()).put(provider, resolved.path());
        }
        return resolved.path();
    }

    private void reindex(VirtualKey before, VirtualKey after) {
        if (before != null) {
            keysByHash.remove(before.valueHash(), before);
        }
        if (after != null) {
            keysByHash.put(after.valueHash(), after);
        }
    }

    private void invalidatePaths() {
        paths = new ConcurrentHashMap<>();
    }

    /** A computed path, and whether every definition it names was found (only then may it be cached). */
    record Resolved(Path path, boolean complete) {
    }

    /** The definitions of one kind, by id. */
    static final class Section<T> {

        private final ConcurrentHashMap<String, Stored<T>> entries = new ConcurrentHashMap<>();
        private final Map<String, Long> tombstones = new HashMap<>();
        private final Function<T, String> name;
        private final BiConsumer<T, T> onChange;

        /** {@code onChange} gets the value before and after a change (null for none), under the view's lock. */
        private Section(Function<T, String> name, BiConsumer<T, T> onChange) {
            this.name = name;
            this.onChange = onChange;
        }

        Optional<T> get(String id) {
            Stored<T> stored = entries.get(id);
            return stored == null ? Optional.empty() : Optional.of(stored.value());
        }

        Optional<Stored<T>> current(String id) {
            return Optional.ofNullable(entries.get(id));
        }

        /** Every definition, by name. */
        List<T> all() {
            return entries.values().stream().map(Stored::value).sorted(Comparator.comparing(name)).toList();
        }

        private boolean accept(String id, Stored<T> stored) {
            Long tombstone = tombstones.get(id);
            Stored<T> current = entries.get(id);
            if ((tombstone != null && tombstone >= stored.revision())
                    || (current != null && current.revision() >= stored.revision())) {
                return false;
            }
            entries.put(id, stored);
            return true;
        }

        private Stored<T> drop(String id, long revision) {
            tombstones.merge(id, revision, Math::max);
            return entries.remove(id);
        }
    }
}
