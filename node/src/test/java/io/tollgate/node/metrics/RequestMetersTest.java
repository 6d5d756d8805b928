package io.tollgate.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.Operation;
import io.tollgate.adapters.Usage;
import io.tollgate.adapters.pricing.Money;
import io.tollgate.node.pipeline.ClientChannel;
import io.tollgate.node.pipeline.Exchange;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RequestMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RequestMeters meters = new RequestMeters(registry);

    @Test
    void shouldCountARequestWithItsTokensCostRetriesAndLatencies() {
        Exchange exchange = exchange(false);
        exchange.beginAttempt();
        exchange.beginAttempt();
        exchange.usage(new Usage(100, 40, 0, 0, 20, 5));
        exchange.cost(Money.ofUsd("0.000123"));
        exchange.upstream(Map.of(), Duration.ofMillis(30).toNanos());
        exchange.addUpstreamTime(Duration.ofMillis(31).toNanos());

        meters.record(exchange, 200, exchange.startNanos() + Duration.ofMillis(32).toNanos());

        assertThat(registry.get("tollgate.requests").tags("route", "openai.chat", "status", "200", "provider", "none",
                "cache", "none", "stream", "false").counter().count()).isEqualTo(1);
        assertThat(registry.get("tollgate.tokens").tag("type", "input").counter().count()).isEqualTo(100);
        assertThat(registry.get("tollgate.tokens").tag("type", "cached_input").counter().count()).isEqualTo(40);
        assertThat(registry.get("tollgate.tokens").tag("type", "reasoning").counter().count()).isEqualTo(5);
        assertThat(registry.find("tollgate.tokens").tag("type", "cache_write").counter()).as("zero: no series")
                .isNull();
        assertThat(registry.get("tollgate.cost.usd").counter().count()).isCloseTo(0.000123, within(1e-15));
        assertThat(registry.get("tollgate.retries").counter().count()).isEqualTo(1);
        assertThat(registry.get("tollgate.upstream.latency").timer().totalTime(TimeUnit.MILLISECONDS))
                .isCloseTo(30, within(0.001));
        assertThat(registry.get("tollgate.gateway.overhead").timer().totalTime(TimeUnit.MILLISECONDS))
                .as("32 ms in all, 31 ms in the upstream call (to the end of its body)").isCloseTo(1, within(0.001));
        assertThat(registry.get("tollgate.request.duration").timer().count()).isEqualTo(1);
    }

    @Test
    void shouldCountAStreamsOverheadWithoutItsUpstreamTimeAndLeaveCostOutWhenUnpriced() {
        Exchange exchange = exchange(true);
        exchange.beginAttempt();
        exchange.addUpstreamTime(Duration.ofMillis(2_990).toNanos());

        meters.record(exchange, 502, exchange.startNanos() + Duration.ofSeconds(3).toNanos());

        assertThat(registry.get("tollgate.requests").tags("status", "502", "stream", "true").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("tollgate.gateway.overhead").timer().totalTime(TimeUnit.MILLISECONDS))
                .isCloseTo(10, within(0.001));
        assertThat(registry.find("tollgate.cost.usd").counter()).isNull();
        assertThat(registry.find("tollgate.retries").counter()).isNull();
        assertThat(registry.find("tollgate.upstream.latency").timer()).as("no answer from the upstream").isNull();
    }

    private static Exchange exchange(boolean stream) {
        ObjectNode body = Json.object();
        body.put("model", "mock/echo");
        body.put("stream", stream);
        return Exchange.create("req-1", 1_000_000_000L, Dialect.OPENAI, Operation.CHAT, body, Map.of(),
                new NoChannel());
    }

    /** A channel nothing is written to (the meters only read the exchange). */
    private static final class NoChannel implements ClientChannel {
        @Override
        public void header(String name, String value) {
        }

        @Override
        public void send(int status, String contentType, byte[] body) {
        }

        @Override
        public EventSink startEvents() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean committed() {
            return false;
        }
    }
}
