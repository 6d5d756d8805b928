package io.tollgate.cluster.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LogRecordTest {

    @Test
    void shouldNameTheFieldAndValueOfAnInvalidRecord() {
        LogRecord row = LogRows.record(1, LogRows.NOW);
        assertThatThrownBy(() -> new LogRecord(row.requestId(), row.time(), row.node(), row.virtualKeyId(),
                row.teamId(), row.customerId(), row.route(), row.provider(), row.model(), row.keyName(), row.status(),
                row.errorType(), row.attempts(), row.fallbackIndex(), row.streamed(), row.cacheStatus(),
                row.cacheSimilarity(), row.inputTokens(), row.cachedInputTokens(), row.cacheWriteTokens(),
                row.reasoningTokens(), row.outputTokens(), -5, row.savedNanos(), row.latencyMicros(),
                row.timeToFirstTokenMicros(), row.upstreamMicros(), row.overheadMicros(), row.requestBody(),
                row.responseBody())).hasMessage("costNanos must not be negative, was -5");
        assertThatThrownBy(() -> new LogRecord(row.requestId(), row.time(), row.node(), row.virtualKeyId(),
                row.teamId(), row.customerId(), row.route(), row.provider(), row.model(), row.keyName(), row.status(),
                row.errorType(), row.attempts(), row.fallbackIndex(), row.streamed(), "hit", row.cacheSimilarity(),
                row.inputTokens(), row.cachedInputTokens(), row.cacheWriteTokens(), row.reasoningTokens(),
                row.outputTokens(), row.costNanos(), row.savedNanos(), row.latencyMicros(),
                row.timeToFirstTokenMicros(), row.upstreamMicros(), row.overheadMicros(), row.requestBody(),
                row.responseBody())).hasMessage("cacheStatus must be one of none, off, skip, miss, hit-exact,"
                        + " hit-semantic, was 'hit'");
        assertThatThrownBy(() -> new LogRecord(" ", row.time(), row.node(), row.virtualKeyId(),
                row.teamId(), row.customerId(), row.route(), row.provider(), row.model(), row.keyName(), row.status(),
                row.errorType(), row.attempts(), row.fallbackIndex(), row.streamed(), row.cacheStatus(),
                row.cacheSimilarity(), row.inputTokens(), row.cachedInputTokens(), row.cacheWriteTokens(),
                row.reasoningTokens(), row.outputTokens(), row.costNanos(), row.savedNanos(), row.latencyMicros(),
                row.timeToFirstTokenMicros(), row.upstreamMicros(), row.overheadMicros(), row.requestBody(),
                row.responseBody())).hasMessage("requestId must be 1 to 128 characters and not blank, was ' '");
    }

    @Test
    void shouldNameTheFieldAndValueOfAnInvalidAttempt() {
        assertThatThrownBy(() -> new AttemptRecord(0, 0, LogRows.NOW, "openai", "m", "k", 200, Optional.empty(), 1))
                .hasMessage("attempt must be at least 1, was 0");
        assertThatThrownBy(() -> new AttemptRecord(1, -1, LogRows.NOW, "openai", "m", "k", 200, Optional.empty(), 1))
                .hasMessage("fallbackIndex must not be negative, was -1");
        assertThatThrownBy(() -> new AttemptRecord(1, 0, LogRows.NOW, "openai", "m", " ", 200, Optional.empty(), 1))
                .hasMessage("keyName must be 1 to 256 characters and not blank, was ' '");
        assertThatThrownBy(() -> new AttemptRecord(1, 0, LogRows.NOW, "openai", "m", "k", 42, Optional.empty(), 1))
                .hasMessage("status must be 0 or between 100 and 599, was 42");
        assertThatThrownBy(() -> new AttemptRecord(1, 0, LogRows.NOW, "openai", "m", "k", 0, Optional.empty(), -3))
                .hasMessage("upstreamMicros must not be negative, was -3");
        assertThat(new AttemptRecord(1, 0, Instant.parse("2026-11-29T12:00:00.123456789Z"), "openai", "m", "k", 0,
                Optional.of("upstream_unreachable"), 0).started())
                .isEqualTo(Instant.parse("2026-11-29T12:00:00.123456Z"));
    }

    @Test
    void shouldKeepAttemptsNumberedIncreasinglyWithinTheCount() {
        LogRecord row = LogRows.record(1, LogRows.NOW);
        AttemptRecord first = row.attemptLog().getFirst();
        AttemptRecord second = row.attemptLog().getLast();

        assertThat(row.attempts()).isEqualTo(2);
        assertThat(row.attemptLog()).extracting(AttemptRecord::attempt).containsExactly(1, 2);
        assertThatThrownBy(() -> row.withAttemptLog(List.of(second, first)))
                .hasMessage("attemptLog must number its attempts increasingly from 1 to attempts (2), was [2, 1]");
        assertThatThrownBy(() -> LogRows.record(0, LogRows.NOW).withAttemptLog(List.of(first, second)))
                .hasMessage("attemptLog must number its attempts increasingly from 1 to attempts (1), was [1, 2]");
        assertThat(row.withContent(false, 0).attemptLog()).isEqualTo(row.attemptLog());
    }

    @Test
    void shouldKeepTimeToTheMicrosecond() {
        LogRecord row = LogRows.record(1, Instant.parse("2026-11-29T12:00:00.123456789Z"));

        assertThat(row.time()).isEqualTo(Instant.parse("2026-11-29T12:00:00.123456Z"));
    }

    @Test
    void shouldDropOrCutBodiesWithoutSplittingACharacter() {
        LogRecord row = LogRows.record(1, LogRows.NOW);

        assertThat(row.withContent(false, 100).requestBody()).isEmpty();
        assertThat(row.withContent(true, 100)).isSameAs(row);
        assertThat(row.withContent(true, 3).requestBody()).contains("pro");
        assertThat(Bodies.cut("aé€", 4)).isEqualTo("aé");
        assertThat(Bodies.cut("aé€", 6)).isEqualTo("aé€");
    }

    @Test
    void shouldRoundTripACursorAndRefuseAForgedOne() {
        LogRecord row = LogRows.record(7, Instant.parse("2026-11-29T12:00:00.000001Z"));
        String cursor = LogCursor.after(row);

        assertThat(LogCursor.decode(cursor)).isEqualTo(new LogCursor(row.time(), row.requestId()));
        assertThat(cursor).matches("[A-Za-z0-9_-]+");
        assertThatThrownBy(() -> LogQuery.builder().cursor("not a cursor").build())
                .hasMessage("cursor is not one a page of this log issued: 'not a cursor'");
        assertThatThrownBy(() -> LogQuery.builder().limit(1001).build())
                .hasMessage("limit must be between 1 and 1000, was 1001");
        assertThat(LogQuery.builder().build().limit()).isEqualTo(100);
        assertThat(LogQuery.builder().build().cursor()).isEqualTo(Optional.empty());
    }
}
