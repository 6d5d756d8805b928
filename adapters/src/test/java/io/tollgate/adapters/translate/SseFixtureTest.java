package io.tollgate.adapters.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.adapters.SseEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseFixtureTest {

    @Test
    void shouldParseNamedUnnamedMultilineAndCommentEvents() {
        List<SseEvent> events = Fixtures.parseSse(
                ": keep-alive\n\nevent: ping\ndata: {\"type\": \"ping\"}\n\ndata: a\ndata:b\n\ndata: [DONE]");

        assertThat(events).containsExactly(
                SseEvent.named("ping", "{\"type\": \"ping\"}"),
                SseEvent.data("a\nb"),
                SseEvent.data("[DONE]"));
    }

    @Test
    void shouldRoundTripEventsThroughTheirWireForm() {
        List<SseEvent> events = Fixtures.sse("anthropic/stream_text.sse");

        String wire = String.join("", events.stream().map(SseEvent::toWire).toList());

        assertThat(Fixtures.parseSse(wire)).isEqualTo(events);
        assertThat(events).hasSize(8);
        assertThat(events.get(2)).isEqualTo(SseEvent.named("ping", "{\"type\": \"ping\"}"));
    }
}
