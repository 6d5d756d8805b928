package io.tollgate.adapters.replay;

import static io.tollgate.adapters.replay.Answers.wire;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.SseEvent;
import io.tollgate.adapters.sse.SseReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AssembleTest {

    private static final ReplayOptions OPTIONS = new ReplayOptions("msg_replayed", 1_700_000_000L, true);

    @Test
    void shouldRefuseACutOpenAiStream() {
        List<SseEvent> events = Replay.events(Dialect.OPENAI, Answers.openAiText("One two three."), OPTIONS);
        int finish = indexOf(events, "finish_reason\":\"stop");

        assertThat(Replay.assemble(Dialect.OPENAI, events.subList(0, finish))).isEmpty();
        assertThat(Replay.assemble(Dialect.OPENAI, events.subList(0, finish + 1))).isPresent();
        assertThat(Replay.assemble(Dialect.OPENAI, List.of())).isEmpty();
    }

    @Test
    void shouldRefuseAnOpenAiStreamWhereOneOfTwoChoicesDidNotFinish() {
        List<SseEvent> events = new ArrayList<>(Replay.events(Dialect.OPENAI, Answers.openAiTwoChoices(), OPTIONS));
        events.remove(indexOf(events, "finish_reason\":\"length"));

        assertThat(Replay.assemble(Dialect.OPENAI, events)).isEmpty();
    }

    @Test
    void shouldRefuseAnOpenAiStreamWithAnErrorChunk() {
        List<SseEvent> events = new ArrayList<>(Replay.events(Dialect.OPENAI, Answers.openAiText("Hi."), OPTIONS));
        events.add(2, SseEvent.data("{\"error\":{\"message\":\"boom\",\"type\":\"server_error\",\"param\":null,"
                + "\"code\":null}}"));

        assertThat(Replay.assemble(Dialect.OPENAI, events)).isEmpty();
    }

    @Test
    void shouldRefuseACutAnthropicStream() {
        List<SseEvent> events = Replay.events(Dialect.ANTHROPIC, Answers.anthropicToolUse(), OPTIONS);

        assertThat(Replay.assemble(Dialect.ANTHROPIC, events.subList(0, events.size() - 1))).isEmpty();
        assertThat(Replay.assemble(Dialect.ANTHROPIC, events.subList(1, events.size()))).isEmpty();
    }

    @Test
    void shouldRefuseAnAnthropicStreamWithAnErrorEvent() {
        List<SseEvent> events = new ArrayList<>(Replay.events(Dialect.ANTHROPIC, Answers.anthropicText("Hi."),
                OPTIONS));
        events.add(3, SseEvent.named("error",
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));

        assertThat(Replay.assemble(Dialect.ANTHROPIC, events)).isEmpty();
    }

    @Test
    void shouldRefuseAnAnthropicToolInputThatIsNotJson() {
        List<SseEvent> events = new ArrayList<>(Replay.events(Dialect.ANTHROPIC, Answers.anthropicToolUse(),
                OPTIONS));
        events.add(indexOf(events, "input_json_delta"), SseEvent.named("content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\","
                        + "\"partial_json\":\"{{\"}}"));

        assertThat(Replay.assemble(Dialect.ANTHROPIC, events)).isEmpty();
    }

    @Test
    void shouldAssembleWhatTheGatewayWroteIncludingItsCostComment() throws IOException {
        for (Dialect dialect : Dialect.values()) {
            var whole = dialect == Dialect.OPENAI ? Answers.openAiToolCalls() : Answers.anthropicThinking();
            StringBuilder wire = new StringBuilder(": keep-alive\n\n");
            Replay.events(dialect, whole, OPTIONS).forEach(event -> wire.append(event.toWire()));
            wire.append(": x-tollgate-cost-usd=0.000123\n\n");

            List<SseEvent> read = read(wire.toString());
            read.add(SseEvent.data(""));

            assertThat(Replay.assemble(dialect, read).map(Answers::wire))
                    .isEqualTo(Optional.of(wire(Replay.whole(dialect, whole, OPTIONS))));
        }
    }

    @Test
    void shouldAssembleAnthropicsOwnStreamWithPingsAndUnnamedEvents() {
        List<SseEvent> events = new ArrayList<>();
        for (SseEvent event : Replay.events(Dialect.ANTHROPIC, Answers.anthropicText("Hello there"), OPTIONS)) {
            events.add(SseEvent.data(event.data()));
            events.add(SseEvent.named("ping", "{\"type\": \"ping\"}"));
        }

        assertThat(Replay.assemble(Dialect.ANTHROPIC, events).orElseThrow().path("content").path(0).path("text")
                .asText()).isEqualTo("Hello there");
    }

    private static List<SseEvent> read(String wire) throws IOException {
        SseReader reader = SseReader.create(new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8)));
        List<SseEvent> events = new ArrayList<>();
        for (Optional<SseEvent> next = reader.next(); next.isPresent(); next = reader.next()) {
            events.add(next.get());
        }
        return events;
    }

    private static int indexOf(List<SseEvent> events, String text) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).data().contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no event contains " + text);
    }
}
