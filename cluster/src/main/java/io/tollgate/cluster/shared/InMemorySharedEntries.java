package io.tollgate.cluster.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Shared entries of one JVM, for unit tests and single-process use: time comes from the given {@link Clock}, and
 * expiry happens only when asked. An entry past its time to live is invisible to {@link #get} and {@link #size};
 * it goes away, with {@link Cause#EXPIRED}, when {@link #get} meets it, when {@link #expire()} runs (tests move the
 * clock, then call it), or when it is the oldest entry and the bound pushes it out. Above the bound, the entry put
 * longest ago goes first ({@link Cause#EVICTED}). Listeners are called synchronously, on the thread that made the
 * change, while the change holds this map's lock, so they see every key's events in order.
 */
public final class InMemorySharedEntries implements SharedEntries {

    private final Clock clock;
    private final int maxEntries;
    private final ConcurrentHashMap<String, Stored> entries = new ConcurrentHashMap<>();
    /** Keys from the one put longest ago to the latest; guarded by {@link #lock}. */
    private final LinkedHashSet<String> order = new LinkedHashSet<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Registration> registrations = new CopyOnWriteArrayList<>();

    private InMemorySharedEntries(Clock clock, int maxEntries) {
        this.clock = clock;
        this.maxEntries = maxEntries;
    }

    /**
     * Creates empty shared entries.
     *
     * @param clock the time that decides expiry
     * @param maxEntries the most entries held; more push out the oldest
     * @throws IllegalArgumentException when {@code maxEntries} is not positive
     */
    public static InMemorySharedEntries create(Clock clock, int maxEntries) {
        Objects.requireNonNull(clock, "clock");
        SharedEntriesChecks.bound("maxEntries", maxEntries);
        return new InMemorySharedEntries(clock, maxEntries);
    }

    @Override
    public CompletionStage<Void> put(String key, byte[] value, Duration ttl) {
        SharedEntriesChecks.entry(key, value, ttl);
        Stored stored = new Stored(value.clone(), clock.instant().plus(ttl));
        lock.lock();
        try {
            take(key); // a live entry replaced goes silently: listeners see the new value
            entries.put(key, stored);
            order.add(key);
            fire(listener -> listener.added(key, stored.value().clone()));
            while (entries.size() > maxEntries) {
                String oldest = order.getFirst();
                take(oldest).ifPresent(gone -> fire(listener -> listener.removed(oldest, Cause.EVICTED)));
            }
        } finally {
            lock.unlock();
        }
        return CompletableFuture.completedStage(null);
    }

    @Override
    public Optional<byte[]> get(String key) {
        Objects.requireNonNull(key, "key");
        Stored stored = entries.get(key);
        if (stored == null) {
            return Optional.empty();
        }
        if (stored.expiredAt(clock.instant())) {
            lock.lock();
            try {
                if (entries.get(key) == stored) { // not replaced meanwhile
                    take(key);
                }
            } finally {
                lock.unlock();
            }
            return Optional.empty();
        }
        return Optional.of(stored.value().clone());
    }

    @Override
    public void remove(String key) {
        removeAll(List.of(key));
    }

    @Override
    public void removeAll(Collection<String> keys) {
        List<String> copy = List.copyOf(keys);
        lock.lock();
        try {
            copy.forEach(key -> take(key).ifPresent(gone -> fire(listener -> listener.removed(key, Cause.REMOVED))));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void clear() {
        lock.lock();
        try {
            entries.clear();
            order.clear();
            fire(Listener::cleared);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int size() {
        Instant now = clock.instant();
        return (int) entries.values().stream().filter(stored -> !stored.expiredAt(now)).count();
    }

    /**
     * Removes every entry past its time to live, telling listeners {@link Cause#EXPIRED}.
     *
     * @return how many went
     */
    public int expire() {
        lock.lock();
        try {
            List<String> expired = new ArrayList<>();
            Instant now = clock.instant();
            entries.forEach((key, stored) -> {
                if (stored.expiredAt(now)) {
                    expired.add(key);
                }
            });
            expired.forEach(this::take);
            return expired.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Subscription subscribe(Listener listener) {
        Registration registration = new Registration(Objects.requireNonNull(listener, "listener"));
        lock.lock();
        try {
            registrations.add(registration);
            Instant now = clock.instant();
            for (String key : List.copyOf(order)) {
                Stored stored = entries.get(key);
                if (stored != null && !stored.expiredAt(now)) {
                    registration.deliver(each -> each.added(key, stored.value().clone()));
                }
            }
        } finally {
            lock.unlock();
        }
        return registration;
    }

    @Override
    public void close() {
        registrations.clear();
    }

    /**
     * Takes a key out, under the lock. An entry past its time goes with {@link Cause#EXPIRED}, whatever took it;
     * a live one is returned, for the caller to say why it went.
     */
    private Optional<Stored> take(String key) {
        Stored gone = entries.remove(key);
        if (gone == null) {
            return Optional.empty();
        }
        order.remove(key);
        if (gone.expiredAt(clock.instant())) {
            fire(listener -> listener.removed(key, Cause.EXPIRED));
            return Optional.empty();
        }
        return Optional.of(gone);
    }

    private void fire(Consumer<Listener> event) {
        registrations.forEach(registration -> registration.deliver(event));
    }

    /** A value and the moment it expires. */
    private record Stored(byte[] value, Instant expiresAt) {

        boolean expiredAt(Instant now) {
            return !now.isBefore(expiresAt);
        }
    }

    /** One call of {@link #subscribe}; identity matters, so one listener may be registered twice. */
    private final class Registration implements Subscription {

        private final Listener listener;

        Registration(Listener listener) {
            this.listener = listener;
        }

        void deliver(Consumer<Listener> event) {
            ListenerCalls.deliver(listener, event);
        }

        @Override
        public void close() {
            registrations.remove(this);
        }
    }
}
