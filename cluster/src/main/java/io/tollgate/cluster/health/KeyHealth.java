package io.tollgate.cluster.health;

import java.time.Instant;
import java.util.Map;

/**
 * The shared state of provider keys. Thread-safe. {@link #state} is a local read, cheap enough for every request;
 * the changing methods are rare (an upstream refused a key) and return once every member of the cluster applies the
 * change, so no node sends a cooled or dead key traffic after the call returns.
 */
public interface KeyHealth {

    /** The key's state at {@code now}: available, or cooling / dead until a time. */
    KeyState state(String provider, String key, Instant now);

    /**
     * Cools the key down on every node until {@code until} (it answered 429: its {@code Retry-After}, or a default).
     * A later cool-down that ends sooner than the current one does not shorten it.
     */
    void coolDown(String provider, String key, Instant until, String reason, Instant now);

    /** Marks the key dead on every node until {@code until} (it answered 401 or 403); it is probed again then. */
    void markDead(String provider, String key, Instant until, String reason, Instant now);

    /** Makes the key available again on every node (a probe succeeded, or an operator revived it). */
    void revive(String provider, String key);

    /** Every key that is not available at {@code now}, by {@code provider/key}. */
    Map<String, KeyState> unavailable(Instant now);
}
