package io.tollgate.cluster.shared;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A map shared by every member of the cluster, for data that may be lost but should outlive any one member (the
 * response cache): opaque values under string keys, each with its own time to live, a bound on the entries each
 * member holds (least recently used go first), one backup copy, and change events delivered to every member. Not
 * persisted: when the last member stops, the entries are gone. Thread-safe.
 */
public interface SharedEntries extends AutoCloseable {

    /**
     * Stores a value, replacing any under the same key; it expires {@code ttl} after this call at the earliest
     * (Hazelcast's expiry counts whole seconds: it may keep the entry up to 2 s longer). Asynchronous: the stage
     * completes once the entry's owner holds it. Listeners on every member then see {@link Listener#added}.
     *
     * @throws IllegalArgumentException when {@code ttl} is not positive
     */
    CompletionStage<Void> put(String key, byte[] value, Duration ttl);

    /** The value under a key, if present and not expired. A round trip to the entry's owner: not for hot paths. */
    Optional<byte[]> get(String key);

    /** Removes one entry, if present; listeners see {@link Cause#REMOVED}. */
    void remove(String key);

    /** Removes these entries, if present; listeners see {@link Cause#REMOVED} for each. */
    void removeAll(Collection<String> keys);

    /**
     * Removes every entry; listeners see {@link Listener#cleared()} once. The clear is one event for the whole map,
     * not ordered with the events of single entries: wait for it before relying on the order of later changes.
     */
    void clear();

    /** The number of entries in the whole cluster (primaries only). A round trip to every member. */
    int size();

    /**
     * Registers a listener for changes made from now on, anywhere in the cluster, then delivers every entry held
     * now as {@link Listener#added} (a member that joins or restarts rebuilds its view this way). An entry removed
     * while the existing ones are being delivered is not delivered after its removal. Events for one key arrive in
     * the order they happened; events of different keys may arrive on different threads. The entries held are
     * delivered on the calling thread before this returns, while changes may already arrive on grid threads.
     *
     * @return closes the registration
     */
    Subscription subscribe(Listener listener);

    /** Stops listening; entries stay in the cluster. */
    @Override
    void close();

    /** Receives changes; called on grid event threads, so it must return quickly and never block. */
    interface Listener {

        /** An entry was stored or replaced. */
        void added(String key, byte[] value);

        /** An entry went away. */
        void removed(String key, Cause cause);

        /** Every entry went away ({@link #clear()}). */
        void cleared();
    }

    /** Why an entry went away. */
    enum Cause {
        /** Someone removed it. */
        REMOVED,
        /**
         * Its time to live ran out. {@link #get} never returns an expired entry, but the event may come long after
         * the moment: Hazelcast removes an expired entry when it is read, or when its background sweep (every 5 s, a
         * few partitions at a time) reaches it. Treat a miss on {@code get} as the entry being gone.
         */
        EXPIRED,
        /** The size bound pushed it out. */
        EVICTED
    }

    /** A registered listener. */
    interface Subscription extends AutoCloseable {
        /** Unregisters the listener. */
        @Override
        void close();
    }
}
