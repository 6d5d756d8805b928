package io.tollgate.cluster.shared;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.MapEvent;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.map.listener.MapClearedListener;
import com.hazelcast.map.listener.MapEvictedListener;
import io.tollgate.cluster.shared.SharedEntries.Cause;
import io.tollgate.cluster.shared.SharedEntries.Listener;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * One listener on a shared entries map: Hazelcast's events translated, and the entries that existed before it
 * registered delivered once, as {@code added}.
 *
 * <p>Order matters: the map listener registers first (on every member, before {@link #open()} goes on), then the map
 * is scanned partition by partition. An event that arrives during the scan is delivered at once and marks its key,
 * and the scan skips marked keys: what the scan read may be older than the event (an entry removed, expired or
 * replaced meanwhile). A clear during the scan ends it, since every entry after the clear comes with an event.
 * Marking and delivering happen under one lock, so the scan can never deliver a key between an event's mark and its
 * delivery; once the scan is over, events are delivered without the lock.
 */
final class HazelcastSubscription implements SharedEntries.Subscription, EntryAddedListener<String, byte[]>,
        EntryUpdatedListener<String, byte[]>, EntryRemovedListener<String, byte[]>,
        EntryExpiredListener<String, byte[]>, EntryEvictedListener<String, byte[]>, MapClearedListener,
        MapEvictedListener {

    private static final Logger LOG = Logger.getLogger(HazelcastSubscription.class.getName());
    /** Entries fetched per round trip while scanning. */
    private static final int SCAN_BATCH = 256;

    private final IMap<String, byte[]> map;
    private final Listener listener;
    private final Consumer<HazelcastSubscription> onClose;
    private final Object scanLock = new Object();
    /** Keys with an event since the scan began; guarded by {@link #scanLock}. */
    private final Set<String> changedDuringScan = new HashSet<>();
    /** Guarded by {@link #scanLock}. */
    private boolean clearedDuringScan;
    private volatile boolean scanning = true;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile UUID registration;

    HazelcastSubscription(IMap<String, byte[]> map, Listener listener, Consumer<HazelcastSubscription> onClose) {
        this.map = map;
        this.listener = listener;
        this.onClose = onClose;
    }

    /** Registers with the map, then delivers the entries it holds. */
    void open() {
        try {
            registration = map.addEntryListener(this, true);
            scan();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void scan() {
        Iterator<Map.Entry<String, byte[]>> entries = map.iterator(SCAN_BATCH);
        try {
            while (entries.hasNext() && !closed.get()) {
                Map.Entry<String, byte[]> entry = entries.next();
                synchronized (scanLock) {
                    if (clearedDuringScan) {
                        return;
                    }
                    if (!changedDuringScan.contains(entry.getKey())) {
                        deliver(each -> each.added(entry.getKey(), entry.getValue()));
                    }
                }
            }
        } finally {
            synchronized (scanLock) {
                scanning = false;
                changedDuringScan.clear();
            }
        }
    }

    @Override
    public void entryAdded(EntryEvent<String, byte[]> event) {
        String key = event.getKey();
        byte[] value = event.getValue();
        relay(key, each -> each.added(key, value));
    }

    @Override
    public void entryUpdated(EntryEvent<String, byte[]> event) {
        String key = event.getKey();
        byte[] value = event.getValue();
        relay(key, each -> each.added(key, value));
    }

    @Override
    public void entryRemoved(EntryEvent<String, byte[]> event) {
        String key = event.getKey();
        relay(key, each -> each.removed(key, Cause.REMOVED));
    }

    @Override
    public void entryExpired(EntryEvent<String, byte[]> event) {
        String key = event.getKey();
        relay(key, each -> each.removed(key, Cause.EXPIRED));
    }

    @Override
    public void entryEvicted(EntryEvent<String, byte[]> event) {
        String key = event.getKey();
        relay(key, each -> each.removed(key, Cause.EVICTED));
    }

    @Override
    public void mapCleared(MapEvent event) {
        relay(null, Listener::cleared);
    }

    @Override
    public void mapEvicted(MapEvent event) {
        relay(null, Listener::cleared);
    }

    /** Delivers an event; during the scan marks its key ({@code null}: the whole map) first. */
    private void relay(String key, Consumer<Listener> event) {
        if (closed.get()) {
            return;
        }
        if (scanning) {
            synchronized (scanLock) {
                if (scanning) {
                    if (key == null) {
                        clearedDuringScan = true;
                    } else {
                        changedDuringScan.add(key);
                    }
                    deliver(event);
                    return;
                }
            }
        }
        deliver(event);
    }

    private void deliver(Consumer<Listener> event) {
        ListenerCalls.deliver(listener, event);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        onClose.accept(this);
        UUID id = registration;
        if (id != null) {
            try {
                map.removeEntryListener(id);
            } catch (RuntimeException e) {
                LOG.fine("removing a shared entries listener from a member that is gone: " + e);
            }
        }
    }
}
