package io.tollgate.cluster.log;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * One upstream call of a request, as the log keeps it beside the request's {@link LogRecord} (table
 * {@code request_log_attempts}). {@code started} is truncated to microseconds, like the request's time.
 *
 * @param attempt which call this was, 1-based across the whole request (every candidate, every retry)
 * @param fallbackIndex which candidate it served (0 = the first target, n = the n-th fallback)
 * @param started when the call began
 * @param provider the provider called
 * @param model the model asked of it
 * @param keyName the name (never the value) of the provider key used
 * @param status the upstream's status, or the gateway's when the call failed without one; 0 when none is known
 * @param errorType the error kind, lower case (as in the request row), when the call failed
 * @param upstreamMicros the call's time spent on the upstream, from sending to the end of its body or stream
 */
public record AttemptRecord(int attempt, int fallbackIndex, Instant started, String provider, String model,
                            String keyName, int status, Optional<String> errorType, long upstreamMicros) {

    public AttemptRecord {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
        }
        LogRecord.nonNegative("fallbackIndex", fallbackIndex);
        Objects.requireNonNull(started, "started");
        started = started.truncatedTo(ChronoUnit.MICROS);
        LogRecord.text("provider", provider, 256);
        LogRecord.text("model", model, 256);
        LogRecord.text("keyName", keyName, 256);
        if (status != 0 && (status < 100 || status > 599)) {
            throw new IllegalArgumentException("status must be 0 or between 100 and 599, was " + status);
        }
        LogRecord.optional("errorType", errorType);
        LogRecord.nonNegative("upstreamMicros", upstreamMicros);
    }
}
