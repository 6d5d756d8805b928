package io.tollgate.cluster.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
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
