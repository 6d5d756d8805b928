package io.tollgate.config;

/**
 * Upstream call timeouts of one provider, in milliseconds.
 *
 * @param connectMs to open a connection
 * @param firstByteMs from sending the request to the response's status line (and, for streams, between chunks)
 * @param totalMs for the whole exchange, streams included
 */
public record Timeouts(long connectMs, long firstByteMs, long totalMs) {

    /** 5 s to connect, 120 s to the first byte, 600 s in all. */
    public static final Timeouts DEFAULT = new Timeouts(5_000, 120_000, 600_000);

    public Timeouts {
        if (connectMs < 1) {
            throw new IllegalArgumentException("connect_ms must be at least 1, was " + connectMs);
        }
        if (firstByteMs < 1) {
            throw new IllegalArgumentException("first_byte_ms must be at least 1, was " + firstByteMs);
        }
        if (totalMs < firstByteMs) {
            throw new IllegalArgumentException(
                    "total_ms must be at least first_byte_ms (" + firstByteMs + "), was " + totalMs);
        }
    }
}
