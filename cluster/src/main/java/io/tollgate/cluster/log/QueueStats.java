package io.tollgate.cluster.log;

import java.util.Objects;
import java.util.Optional;

/**
 * The write queue of a {@link RequestLog} at one moment.
 *
 * @param depth rows waiting to be written (the batch being retried included)
 * @param capacity the most rows the queue holds
 * @param written rows written since start
 * @param dropped rows refused since start because the queue was full
 * @param failedBatches batch writes that failed (each is retried)
 * @param lastError the last write failure's message, until a batch succeeds again
 */
public record QueueStats(int depth, int capacity, long written, long dropped, long failedBatches,
                         Optional<String> lastError) {

    public QueueStats {
        if (depth < 0 || capacity < 1 || written < 0 || dropped < 0 || failedBatches < 0) {
            throw new IllegalArgumentException("depth, written, dropped and failedBatches must not be negative and"
                    + " capacity must be positive, were " + depth + ", " + written + ", " + dropped + ", "
                    + failedBatches + " and " + capacity);
        }
        Objects.requireNonNull(lastError, "lastError");
    }
}
