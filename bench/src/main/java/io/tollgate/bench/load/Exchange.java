package io.tollgate.bench.load;

/**
 * Sends one request and reads its whole answer, blocking the calling (virtual) thread. Implementations never throw
 * for network or HTTP failures: those are {@link Outcome#failed(long)}. Thread-safe.
 */
public interface Exchange extends AutoCloseable {

    /** Sends request number {@code sequence} (each one different, so a response cache never hits). */
    Outcome send(long sequence);

    /** Releases connections. */
    @Override
    void close();
}
