package io.tollgate.adapters.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.SseEvent;
import io.tollgate.adapters.StreamTranslator;
import io.tollgate.adapters.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicRelayTest {

    @Test
    void shouldPassEventsUnchangedAndReadUsage() {
        List<SseEvent> upstream = Fixtures.sse("anthropic/stream_text.sse");
        StreamTranslator relay = AnthropicRelay.stream();

        List<SseEvent> out = Fixtures.run(relay, upstream);

        assertThat(out).hasSameSizeAs(upstream);
        for (int i = 0; i < out.size(); i++) {
            assertThat(out.get(i)).as("event %d", i).isSameAs(upstream.get(i));
        }
        assertThat(relay.completed()).isTrue();
        assertThat(relay.usage()).isEqualTo(new Usage(25, 1800, 0, 0, 15, 0));
    }

    @Test
    void shouldLetMessageDeltaCountsReplaceMessageStartCounts() {
        StreamTranslator relay = AnthropicRelay.stream();

        Fixtures.run(relay, Fixtures.sse("anthropic/stream_server_tool_usage.sse"));

        assertThat(relay.usage()).isEqualTo(new Usage(10682, 800, 1200, 0, 510, 0));
    }

    @Test
    void shouldKeepTheCacheWriteSplitWhenTheDeltaRepeatsTheTotal() {
        StreamTranslator relay = AnthropicRelay.stream();
        relay.onEvent(SseEvent.named("message_start", """
                {"type":"message_start","message":{"usage":{"input_tokens":3,"cache_creation_input_tokens":500,
                 "cache_creation":{"ephemeral_5m_input_tokens":100,"ephemeral_1h_input_tokens":400},
                 "output_tokens":1}}}"""));
        relay.onEvent(SseEvent.named("message_delta", """
                {"type":"message_delta","delta":{"stop_reason":"end_turn"},
                 "usage":{"cache_creation_input_tokens":500,"output_tokens":20}}"""));

        assertThat(relay.usage()).isEqualTo(new Usage(3, 0, 100, 400, 20, 0));
    }

    @Test
    void shouldReadUnnamedEventsByTheirType() {
        StreamTranslator relay = AnthropicRelay.stream();

        for (SseEvent event : Fixtures.sse("anthropic/stream_text.sse")) {
            relay.onEvent(SseEvent.data(event.data()));
        }

        assertThat(relay.completed()).isTrue();
        assertThat(relay.usage()).isEqualTo(new Usage(25, 1800, 0, 0, 15, 0));
    }

    @Test
    void shouldThrowOnAnErrorEvent() {
        StreamTranslator relay = AnthropicRelay.stream();
        List<SseEvent> events = Fixtures.sse("anthropic/stream_error.sse");
        for (SseEvent event : events.subList(0, events.size() - 1)) {
            relay.onEvent(event);
        }

        assertThatThrownBy(() -> relay.onEvent(events.getLast())).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.getMessage()).isEqualTo("Overloaded");
        });
        assertThat(relay.completed()).isFalse();
        assertThat(relay.onEnd()).isEmpty();
        assertThat(relay.usage()).isEqualTo(Usage.of(12, 1));
    }

    @Test
    void shouldRenameTheModelAndReadResponseUsage() {
        ObjectNode request = Fixtures.json("anthropic/messages_request_tools.json");

        ObjectNode prepared = AnthropicRelay.prepareRequest(request, "claude-sonnet-4-5-20250929-v2");

        assertThat(prepared.path("model").asText()).isEqualTo("claude-sonnet-4-5-20250929-v2");
        prepared.put("model", request.path("model").asText());
        assertThat(prepared).isEqualTo(request);
        ObjectNode response = Fixtures.json("anthropic/message_text.json");
        assertThat(AnthropicRelay.usage(response)).isEqualTo(Usage.of(2095, 503));
        assertThat(AnthropicRelay.withModel(response, "smart").path("model").asText()).isEqualTo("smart");
    }
}
