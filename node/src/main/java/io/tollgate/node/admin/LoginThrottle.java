package io.tollgate.node.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed management API authentications per client address, per fixed minute: an address that failed
 * {@code allowed} times in the current minute is refused (429) until the next minute starts, whatever it sends, so a
 * token cannot be guessed faster than that from one address. Counted per node (a client spraying every node of a
 * cluster gets the allowance on each). The table is bounded: past {@link #MAX_ADDRESSES} addresses, entries of
 * earlier minutes are dropped first, then the table is cleared. Thread-safe.
 */
final class LoginThrottle {

    /** The most addresses tracked at once. */
    static final int MAX_ADDRESSES = 100_000;
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final int allowed;
    private final Clock clock;
    private final Map<String, Window> failures = new ConcurrentHashMap<>();

    private record Window(long minute, int count) {
    }

    LoginThrottle(int allowed, Clock clock) {
        this.allowed = allowed;
        this.clock = clock;
    }

    /** Whether the address has used up its failures this minute. */
    boolean blocked(String address) {
        Window window = failures.get(address);
        return window != null && window.minute() == minute() && window.count() >= allowed;
    }

    /** Counts a failure of the address. */
    void failed(String address) {
        long minute = minute();
        if (failures.size() >= MAX_ADDRESSES) {
            prune(minute);
        }
        failures.merge(address, new Window(minute, 1), (old, one) -> old.minute() == minute
                ? new Window(minute, old.count() + 1) : one);
    }

    /** Seconds until the current minute ends, for {@code Retry-After}. */
    long retryAfterSeconds() {
        Instant now = clock.instant();
        long next = (minute() + 1) * WINDOW.toMillis();
        return Math.max(1, (next - now.toEpochMilli() + 999) / 1000);
    }

    private void prune(long minute) {
        for (Iterator<Window> it = failures.values().iterator(); it.hasNext(); ) {
            if (it.next().minute() != minute) {
                it.remove();
            }
        }
        if (failures.size() >= MAX_ADDRESSES) {
            failures.clear();
        }
    }

    private long minute() {
        return clock.millis() / WINDOW.toMillis();
    }
}
