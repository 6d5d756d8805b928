package io.tollgate.node.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.ModelRef;
import io.tollgate.adapters.Operation;
import io.tollgate.adapters.spi.ProviderAdapter;
import io.tollgate.cluster.log.AttemptRecord;
import io.tollgate.cluster.log.LogRecord;
import io.tollgate.config.LoggingConfig;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The exchange's attempt log: one entry per upstream call, each timed on its own, carried into the log row. */
class AttemptLogTest {

    private static final Instant FIRST = Instant.parse("2026-11-29T12:00:00.000001Z");
    private static final Instant SECOND = Instant.parse("2026-11-29T12:00:00.050001Z");

    @Test
    void shouldRecordEachCallWithItsCandidateKeyOutcomeAndOwnUpstreamTime() {
        Exchange exchange = exchange();
        exchange.beginCandidate(0, target("primary", "gpt-a"), exchange.body());
        exchange.beginAttempt();
        exchange.addUpstreamTime(Duration.ofMillis(3).toNanos());
        LogRows.recordAttempt(exchange, FIRST, "p1", 503, Optional.of("upstream_error"));
        exchange.beginCandidate(1, target("backup", "gpt-b"), exchange.body().deepCopy());
        exchange.beginAttempt();
        exchange.addUpstreamTime(Duration.ofMillis(1).toNanos());
        LogRows.recordAttempt(exchange, SECOND, "b1", 200, Optional.empty());

        List<AttemptRecord> expected = List.of(
                new AttemptRecord(1, 0, FIRST, "primary", "gpt-a", "p1", 503, Optional.of("upstream_error"), 3_000),
                new AttemptRecord(2, 1, SECOND, "backup", "gpt-b", "b1", 200, Optional.empty(), 1_000));
        assertThat(exchange.attemptLog()).isEqualTo(expected);

        LogRecord row = LogRows.of(exchange, SECOND, "node-a", 200, Optional.empty(), LoggingConfig.DEFAULT);
        assertThat(row.attempts()).isEqualTo(2);
        assertThat(row.fallbackIndex()).isEqualTo(1);
        assertThat(row.upstreamMicros()).isEqualTo(4_000);
        assertThat(row.attemptLog()).isEqualTo(expected);
    }

    @Test
    void shouldLeaveOutAnAttemptThatCannotBeRecordedWithoutFailingTheCall() {
        Exchange exchange = exchange();
        exchange.beginCandidate(0, target("primary", "gpt-a"), exchange.body());
        exchange.beginAttempt();

        LogRows.recordAttempt(exchange, FIRST, "p1", 42, Optional.empty());

        assertThat(exchange.attemptLog()).isEmpty();
        assertThat(LogRows.of(exchange, FIRST, "node-a", 502, Optional.of("upstream_error"), LoggingConfig.DEFAULT)
                .attemptLog()).isEmpty();
    }

    @Test
    void shouldHaveNoAttemptsBeforeAnyCall() {
        Exchange exchange = exchange();

        assertThat(exchange.attemptLog()).isEmpty();
        assertThat(LogRows.of(exchange, FIRST, "node-a", 429, Optional.of("rate_limited"), LoggingConfig.DEFAULT)
                .attemptLog()).isEmpty();
    }

    private static Exchange exchange() {
        ObjectNode body = Json.object();
        body.put("model", "primary/gpt-a");
        return Exchange.create("req-1", System.nanoTime() - Duration.ofSeconds(1).toNanos(), Dialect.OPENAI,
                Operation.CHAT, body, Map.of(), new RecordingChannel());
    }

    private static Target target(String provider, String model) {
        ProviderAdapter neverCalled = (ProviderAdapter) Proxy.newProxyInstance(AttemptLogTest.class.getClassLoader(),
                new Class<?>[] {ProviderAdapter.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
        return new Target(new ModelRef(provider, model), neverCalled, Optional.empty());
    }
}
