package io.tollgate.adapters.spi;

import java.io.InputStream;
import java.util.Optional;

/**
 * An upstream's answer, available as soon as its status line and headers arrived; the body is read as it comes.
 * Closing it releases (or, before the body was read to its end, aborts) the upstream connection, which is how a
 * client that went away cancels the upstream call. Used by one thread.
 */
public interface UpstreamResponse extends AutoCloseable {

    /** The HTTP status. */
    int status();

    /** The first value of a response header, by case-insensitive name. */
    Optional<String> header(String name);

    /**
     * The body as it arrives. Reads throw {@link java.io.IOException} when the upstream fails or a timeout closes
     * the exchange; {@link #timedOut()} then tells which.
     */
    InputStream body();

    /** True when the transport ended the exchange because a timeout passed. */
    boolean timedOut();

    /** Releases the exchange; idempotent, never throws. */
    @Override
    void close();
}
