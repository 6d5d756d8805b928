package io.tollgate.config;

import java.util.Map;
import java.util.Objects;

/**
 * Behaviour of a {@code type: mock} provider.
 *
 * @param latencyMs delay before the mock answers (before the first byte of a stream)
 * @param chunkDelayMs delay between streamed chunks
 * @param failStatus when not 0, the HTTP status every failing request gets (see {@code failEvery})
 * @param failEvery 1 fails every request, N fails every Nth; ignored when {@code failStatus} is 0
 * @param keyFailStatus per key name, a status every request on that key gets (for example 429 or 401)
 */
public record MockOptions(long latencyMs, long chunkDelayMs, int failStatus, int failEvery,
                          Map<String, Integer> keyFailStatus) {

    /** An always-healthy mock with no added latency. */
    public static final MockOptions DEFAULT = new MockOptions(0, 0, 0, 1, Map.of());

    public MockOptions {
        Objects.requireNonNull(keyFailStatus, "keyFailStatus");
        keyFailStatus = Map.copyOf(keyFailStatus);
        if (latencyMs < 0) {
            throw new IllegalArgumentException("latency_ms must not be negative, was " + latencyMs);
        }
        if (chunkDelayMs < 0) {
            throw new IllegalArgumentException("chunk_delay_ms must not be negative, was " + chunkDelayMs);
        }
        if (failStatus != 0 && (failStatus < 400 || failStatus > 599)) {
            throw new IllegalArgumentException("fail_status must be 0 or 400..599, was " + failStatus);
        }
        if (failEvery < 1) {
            throw new IllegalArgumentException("fail_every must be at least 1, was " + failEvery);
        }
        keyFailStatus.forEach((key, status) -> {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("key_fail_status." + key + " must be 400..599, was " + status);
            }
        });
    }
}
