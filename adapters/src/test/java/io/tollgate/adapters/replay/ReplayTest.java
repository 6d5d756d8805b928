package io.tollgate.adapters.replay;

import static io.tollgate.adapters.replay.Answers.wire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.SseEvent;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReplayTest {

    private static final ReplayOptions OPTIONS = new ReplayOptions("chatcmpl-replayed", 1_800_000_000L, true);

    static Stream<Arguments> wholes() {
        return Stream.of(
                Arguments.of("OpenAI text", Dialect.OPENAI, Answers.openAiText("Hello! How can I assist you today?")),
                Arguments.of("OpenAI unicode, emoji, newlines", Dialect.OPENAI, Answers.openAiText(Answers.UNICODE)),
                Arguments.of("OpenAI two tool calls", Dialect.OPENAI, Answers.openAiToolCalls()),
                Arguments.of("OpenAI n=2", Dialect.OPENAI, Answers.openAiTwoChoices()),
                Arguments.of("Anthropic text", Dialect.ANTHROPIC, Answers.anthropicText(Answers.UNICODE)),
                Arguments.of("Anthropic tool_use", Dialect.ANTHROPIC, Answers.anthropicToolUse()),
                Arguments.of("Anthropic thinking and text", Dialect.ANTHROPIC, Answers.anthropicThinking()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wholes")
    void shouldRoundTripWholeToEventsToWhole(String name, Dialect dialect, ObjectNode whole) {
        ObjectNode before = whole.deepCopy();

        List<SseEvent> events = Replay.events(dialect, whole, OPTIONS);

        ObjectNode assembled = Replay.assemble(dialect, events).orElseThrow();
        assertThat(wire(assembled)).isEqualTo(wire(Replay.whole(dialect, whole, OPTIONS)));
        assertThat(whole).as("the cached answer is not modified").isEqualTo(before);
    }

    @Test
    void shouldInterleaveTwoChoicesKeepingTheirIndexAndFinishBothLast() {
        ObjectNode whole = Answers.openAiTwoChoices();

        List<SseEvent> events = Replay.events(Dialect.OPENAI, whole, OPTIONS);

        List<JsonNode> choices = events.subList(0, events.size() - 2).stream()
                .map(e -> tree(e).path("choices").path(0)).toList();
        assertThat(choices.subList(0, 4)).extracting(choice -> choice.path("index").asInt())
                .as("deltas of both choices interleave").containsExactly(0, 1, 0, 1);
        assertThat(choices.subList(choices.size() - 2, choices.size()))
                .extracting(choice -> choice.path("index").asInt() + ":" + choice.path("finish_reason").asText())
                .as("finish chunks come last").containsExactly("0:stop", "1:length");
        assertThat(choices.subList(0, choices.size() - 2)).allMatch(choice -> choice.path("finish_reason").isNull());
    }

    @Test
    void shouldRoundTripOpenAiWithoutUsageWhenTheClientDidNotAskForIt() {
        ObjectNode whole = Answers.openAiText("Hi there.");
        ReplayOptions noUsage = new ReplayOptions("chatcmpl-x", 1L, false);

        List<SseEvent> events = Replay.events(Dialect.OPENAI, whole, noUsage);

        assertThat(events).noneMatch(e -> e.data().contains("usage"));
        ObjectNode expected = Replay.whole(Dialect.OPENAI, whole, noUsage);
        expected.remove("usage");
        assertThat(wire(Replay.assemble(Dialect.OPENAI, events).orElseThrow())).isEqualTo(wire(expected));
    }

    @Test
    void shouldStreamOpenAiChunksAsOpenAiDoes() {
        List<SseEvent> events = Replay.events(Dialect.OPENAI, Answers.openAiText("Hello world!"), OPTIONS);

        assertThat(events).allMatch(e -> !e.hasName());
        assertThat(events).last().isEqualTo(SseEvent.data("[DONE]"));
        JsonNode first = tree(events.getFirst());
        assertThat(first.path("id").asText()).isEqualTo("chatcmpl-replayed");
        assertThat(first.path("object").asText()).isEqualTo("chat.completion.chunk");
        assertThat(first.path("created").asLong()).isEqualTo(1_800_000_000L);
        assertThat(first.path("model").asText()).isEqualTo("gpt-4.1-2025-04-14");
        assertThat(first.path("system_fingerprint").asText()).isEqualTo("fp_44709d6fcb");
        assertThat(first.path("choices").path(0).path("delta")).isEqualTo(Answers.parse(
                "{\"role\":\"assistant\",\"content\":\"\"}"));
        assertThat(events.subList(1, 4)).extracting(e -> tree(e).path("choices").path(0).path("delta")
                .path("content").asText()).containsExactly("Hello", " world", "!");
        JsonNode finish = tree(events.get(4)).path("choices").path(0);
        assertThat(finish.path("delta").isEmpty()).isTrue();
        assertThat(finish.path("finish_reason").asText()).isEqualTo("stop");
        JsonNode usage = tree(events.get(5));
        assertThat(usage.path("choices").isArray() && usage.path("choices").isEmpty()).isTrue();
        assertThat(usage.path("usage").path("total_tokens").asInt()).isEqualTo(29);
    }

    @Test
    void shouldStreamOpenAiToolCallsWithTheirHeaderFirst() {
        List<SseEvent> events = Replay.events(Dialect.OPENAI, Answers.openAiToolCalls(), OPTIONS);

        List<JsonNode> calls = events.stream().filter(e -> e.data().contains("tool_calls"))
                .map(e -> tree(e).path("choices").path(0).path("delta").path("tool_calls").path(0)).toList();
        assertThat(calls.getFirst()).isEqualTo(Answers.parse("""
                {"index":0,"id":"call_DdmO9pD3xa9XTPNJ32zg2hcA","type":"function",
                 "function":{"name":"get_weather","arguments":""}}"""));
        assertThat(calls).filteredOn(call -> call.has("id")).extracting(call -> call.path("index").asInt())
                .containsExactly(0, 1);
        assertThat(calls.stream().filter(call -> call.path("index").asInt() == 1)
                .map(call -> call.path("function").path("arguments").asText()).reduce("", String::concat))
                .isEqualTo("{\"location\": \"Bogotá, Colombia\"}");
    }

    @Test
    void shouldNameAnthropicEventsInOrder() {
        List<SseEvent> events = Replay.events(Dialect.ANTHROPIC, Answers.anthropicThinking(), OPTIONS);

        assertThat(events).extracting(SseEvent::event).containsSubsequence("message_start",
                "content_block_start", "content_block_delta", "content_block_stop", "content_block_start",
                "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        assertThat(events).allMatch(e -> e.event().equals(tree(e).path("type").asText()));
        JsonNode start = tree(events.getFirst()).path("message");
        assertThat(start.path("id").asText()).isEqualTo("chatcmpl-replayed");
        assertThat(start.path("content").isEmpty()).isTrue();
        assertThat(start.path("stop_reason").isNull()).isTrue();
        assertThat(start.path("usage").path("output_tokens").asInt()).isEqualTo(1);
        assertThat(start.path("usage").path("input_tokens").asInt()).isEqualTo(48);
        assertThat(events).filteredOn(e -> e.data().contains("signature_delta")).hasSize(1);
        JsonNode delta = tree(events.get(events.size() - 2));
        assertThat(delta.path("delta")).isEqualTo(Answers.parse(
                "{\"stop_reason\":\"stop_sequence\",\"stop_sequence\":\"###\"}"));
        assertThat(delta.path("usage")).isEqualTo(Answers.parse("{\"output_tokens\":142}"));
    }

    @Test
    void shouldRestampAWholeResponseWithoutChangingTheCachedOne() {
        ObjectNode cached = Answers.openAiText("Hi.");
        ObjectNode before = cached.deepCopy();

        ObjectNode openAi = Replay.whole(Dialect.OPENAI, cached, OPTIONS);
        ObjectNode anthropic = Replay.whole(Dialect.ANTHROPIC, Answers.anthropicText("Hi."),
                new ReplayOptions("msg_new", 5L, false));

        ObjectNode expected = before.deepCopy().put("id", "chatcmpl-replayed").put("created", 1_800_000_000L);
        assertThat(wire(openAi)).isEqualTo(wire(expected));
        assertThat(cached).isEqualTo(before);
        assertThat(anthropic.path("id").asText()).isEqualTo("msg_new");
        assertThat(anthropic.has("created")).isFalse();
    }

    @Test
    void shouldRefuseAWholeOfTheOtherDialect() {
        assertThatThrownBy(() -> Replay.events(Dialect.ANTHROPIC, Answers.openAiText("x"), OPTIONS))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.INTERNAL))
                .hasMessageContaining("'content'");
    }

    @Test
    void shouldValidateOptionsNamingTheValue() {
        assertThatThrownBy(() -> new ReplayOptions(" ", 1L, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("id must not be blank, was ' '");
        assertThatThrownBy(() -> new ReplayOptions("x", -1L, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("createdEpochSeconds must not be negative, was -1");
    }

    static JsonNode tree(SseEvent event) {
        return Answers.parse(event.data());
    }
}
