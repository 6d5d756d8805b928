package io.tollgate.cluster.log;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One request as the log keeps it. Money is in nano-dollars (exact; the API shows micro-dollars or USD), durations
 * in microseconds, {@code time} is truncated to microseconds (what both databases store). Bodies are present only
 * when content logging is on. Each upstream call the request made is one {@link AttemptRecord} in
 * {@code attemptLog}, in call order; a cache hit or a request rejected before balancing has none.
 *
 * @param requestId the request's id, unique: a second record with the same id is not stored again
 * @param time when the request arrived
 * @param node the node that served it
 * @param virtualKeyId the virtual key's id, when governed
 * @param teamId the team's id, when the key has one
 * @param customerId the customer's id, when the key has one
 * @param route the surface and operation, for example {@code openai.chat}
 * @param provider the provider that answered (or failed last); empty for a cache hit or a rejection
 * @param model the model asked for
 * @param keyName the name (never the value) of the provider key used
 * @param status the HTTP status returned
 * @param errorType the error kind, when the request failed
 * @param attempts upstream attempts made
 * @param fallbackIndex which fallback answered (0 = the first target)
 * @param streamed whether the answer was streamed
 * @param cacheStatus one of {@code none, off, skip, miss, hit-exact, hit-semantic}
 * @param cacheSimilarity the similarity of a semantic hit, else 0
 * @param inputTokens uncached input tokens
 * @param cachedInputTokens input tokens read from the provider's prompt cache
 * @param cacheWriteTokens input tokens written to the provider's prompt cache
 * @param reasoningTokens reasoning tokens
 * @param outputTokens output tokens
 * @param costNanos what the request cost, in nano-dollars
 * @param savedNanos what the response cache saved, in nano-dollars
 * @param latencyMicros the whole request as the client saw it
 * @param timeToFirstTokenMicros until the first streamed token, when streamed
 * @param upstreamMicros time spent waiting on providers
 * @param overheadMicros the gateway's own time
 * @param requestBody the prompt, when content logging is on
 * @param responseBody the completion, when content logging is on
 * @param attemptLog the upstream calls, by increasing attempt number, none numbered above {@code attempts}
 * @param dimensions the request's tags and end user
 */
public record LogRecord(String requestId, Instant time, String node, Optional<String> virtualKeyId,
                        Optional<String> teamId, Optional<String> customerId, String route, Optional<String> provider,
                        Optional<String> model, Optional<String> keyName, int status, Optional<String> errorType,
                        int attempts, int fallbackIndex, boolean streamed, String cacheStatus, double cacheSimilarity,
                        long inputTokens, long cachedInputTokens, long cacheWriteTokens, long reasoningTokens,
                        long outputTokens, long costNanos, long savedNanos, long latencyMicros,
                        Optional<Long> timeToFirstTokenMicros, long upstreamMicros, long overheadMicros,
                        Optional<String> requestBody, Optional<String> responseBody,
                        List<AttemptRecord> attemptLog, LogDimensions dimensions) {

    /** The route of usage ingested from outside the gateway. */
    public static final String INGEST_ROUTE = "ingest.usage";

    /** The cache outcomes a record may carry. */
    public static final Set<String> CACHE_STATUSES = Set.of("none", "off", "skip", "miss", "hit-exact",
            "hit-semantic");
    /** The longest request id (and node, route, id or name) stored. */
    static final int MAX_ID = 128;

    public LogRecord {
        Objects.requireNonNull(dimensions, "dimensions");
        text("requestId", requestId, MAX_ID);
        Objects.requireNonNull(time, "time");
        time = time.truncatedTo(ChronoUnit.MICROS);
        text("node", node, 256);
        optional("virtualKeyId", virtualKeyId);
        optional("teamId", teamId);
        optional("customerId", customerId);
        text("route", route, 64);
        optional("provider", provider);
        optional("model", model);
        optional("keyName", keyName);
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be between 100 and 599, was " + status);
        }
        optional("errorType", errorType);
        nonNegative("attempts", attempts);
        nonNegative("fallbackIndex", fallbackIndex);
        Objects.requireNonNull(cacheStatus, "cacheStatus");
        if (!CACHE_STATUSES.contains(cacheStatus)) {
            throw new IllegalArgumentException("cacheStatus must be one of none, off, skip, miss, hit-exact,"
                    + " hit-semantic, was '" + cacheStatus + "'");
        }
        if (!(cacheSimilarity >= -1 && cacheSimilarity <= 1)) {
            throw new IllegalArgumentException("cacheSimilarity must be between -1 and 1, was " + cacheSimilarity);
        }
        nonNegative("inputTokens", inputTokens);
        nonNegative("cachedInputTokens", cachedInputTokens);
        nonNegative("cacheWriteTokens", cacheWriteTokens);
        nonNegative("reasoningTokens", reasoningTokens);
        nonNegative("outputTokens", outputTokens);
        nonNegative("costNanos", costNanos);
        nonNegative("savedNanos", savedNanos);
        nonNegative("latencyMicros", latencyMicros);
        Objects.requireNonNull(timeToFirstTokenMicros, "timeToFirstTokenMicros");
        timeToFirstTokenMicros.ifPresent(value -> nonNegative("timeToFirstTokenMicros", value));
        nonNegative("upstreamMicros", upstreamMicros);
        nonNegative("overheadMicros", overheadMicros);
        Objects.requireNonNull(requestBody, "requestBody");
        Objects.requireNonNull(responseBody, "responseBody");
        attemptLog = List.copyOf(Objects.requireNonNull(attemptLog, "attemptLog"));
        int previous = 0;
        for (AttemptRecord attempt : attemptLog) {
            if (attempt.attempt() <= previous || attempt.attempt() > attempts) {
                throw new IllegalArgumentException("attemptLog must number its attempts increasingly from 1 to"
                        + " attempts (" + attempts + "), was " + attemptLog.stream().map(AttemptRecord::attempt)
                        .toList());
            }
            previous = attempt.attempt();
        }
    }

    /** A record without tags or end user. */
    public LogRecord(String requestId, Instant time, String node, Optional<String> virtualKeyId,
                     Optional<String> teamId, Optional<String> customerId, String route, Optional<String> provider,
                     Optional<String> model, Optional<String> keyName, int status, Optional<String> errorType,
                     int attempts, int fallbackIndex, boolean streamed, String cacheStatus, double cacheSimilarity,
                     long inputTokens, long cachedInputTokens, long cacheWriteTokens, long reasoningTokens,
                     long outputTokens, long costNanos, long savedNanos, long latencyMicros,
                     Optional<Long> timeToFirstTokenMicros, long upstreamMicros, long overheadMicros,
                     Optional<String> requestBody, Optional<String> responseBody, List<AttemptRecord> attemptLog) {
        this(requestId, time, node, virtualKeyId, teamId, customerId, route, provider, model, keyName, status,
                errorType, attempts, fallbackIndex, streamed, cacheStatus, cacheSimilarity, inputTokens,
                cachedInputTokens, cacheWriteTokens, reasoningTokens, outputTokens, costNanos, savedNanos,
                latencyMicros, timeToFirstTokenMicros, upstreamMicros, overheadMicros, requestBody, responseBody,
                attemptLog, LogDimensions.NONE);
    }

    /** A record without attempt rows (the 30 columns of the request row alone). */
    public LogRecord(String requestId, Instant time, String node, Optional<String> virtualKeyId,
                     Optional<String> teamId, Optional<String> customerId, String route, Optional<String> provider,
                     Optional<String> model, Optional<String> keyName, int status, Optional<String> errorType,
                     int attempts, int fallbackIndex, boolean streamed, String cacheStatus, double cacheSimilarity,
                     long inputTokens, long cachedInputTokens, long cacheWriteTokens, long reasoningTokens,
                     long outputTokens, long costNanos, long savedNanos, long latencyMicros,
                     Optional<Long> timeToFirstTokenMicros, long upstreamMicros, long overheadMicros,
                     Optional<String> requestBody, Optional<String> responseBody) {
        this(requestId, time, node, virtualKeyId, teamId, customerId, route, provider, model, keyName, status,
                errorType, attempts, fallbackIndex, streamed, cacheStatus, cacheSimilarity, inputTokens,
                cachedInputTokens, cacheWriteTokens, reasoningTokens, outputTokens, costNanos, savedNanos,
                latencyMicros, timeToFirstTokenMicros, upstreamMicros, overheadMicros, requestBody, responseBody,
                List.of(), LogDimensions.NONE);
    }

    /** This record without bodies, or with each cut to {@code maxBytes} UTF-8 bytes. */
    LogRecord withContent(boolean keep, int maxBytes) {
        Optional<String> request = keep ? requestBody.map(body -> Bodies.cut(body, maxBytes)) : Optional.empty();
        Optional<String> response = keep ? responseBody.map(body -> Bodies.cut(body, maxBytes)) : Optional.empty();
        if (request.equals(requestBody) && response.equals(responseBody)) {
            return this;
        }
        return new LogRecord(requestId, time, node, virtualKeyId, teamId, customerId, route, provider, model, keyName,
                status, errorType, attempts, fallbackIndex, streamed, cacheStatus, cacheSimilarity, inputTokens,
                cachedInputTokens, cacheWriteTokens, reasoningTokens, outputTokens, costNanos, savedNanos,
                latencyMicros, timeToFirstTokenMicros, upstreamMicros, overheadMicros, request, response, attemptLog,
                dimensions);
    }

    /** This record with these attempt rows (as read back from the attempts table). */
    LogRecord withAttemptLog(List<AttemptRecord> attempts) {
        return new LogRecord(requestId, time, node, virtualKeyId, teamId, customerId, route, provider, model, keyName,
                status, errorType, this.attempts, fallbackIndex, streamed, cacheStatus, cacheSimilarity, inputTokens,
                cachedInputTokens, cacheWriteTokens, reasoningTokens, outputTokens, costNanos, savedNanos,
                latencyMicros, timeToFirstTokenMicros, upstreamMicros, overheadMicros, requestBody, responseBody,
                attempts, dimensions);
    }

    /** This record attributed to these tags and end user. */
    public LogRecord withDimensions(LogDimensions attributed) {
        return new LogRecord(requestId, time, node, virtualKeyId, teamId, customerId, route, provider, model, keyName,
                status, errorType, attempts, fallbackIndex, streamed, cacheStatus, cacheSimilarity, inputTokens,
                cachedInputTokens, cacheWriteTokens, reasoningTokens, outputTokens, costNanos, savedNanos,
                latencyMicros, timeToFirstTokenMicros, upstreamMicros, overheadMicros, requestBody, responseBody,
                attemptLog, attributed);
    }

    static void text(String name, String value, int max) {
        Objects.requireNonNull(value, name);
        if (value.isBlank() || value.length() > max) {
            throw new IllegalArgumentException(name + " must be 1 to " + max + " characters and not blank, was '"
                    + (value.length() > max ? value.substring(0, max) + "..." : value) + "'");
        }
    }

    static void optional(String name, Optional<String> value) {
        Objects.requireNonNull(value, name);
        value.ifPresent(text -> text(name, text, 256));
    }

    static void nonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
    }
}
