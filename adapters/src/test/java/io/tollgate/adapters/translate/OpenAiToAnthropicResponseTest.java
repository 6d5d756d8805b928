package io.tollgate.adapters.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.SseEvent;
import io.tollgate.adapters.StreamTranslator;
import io.tollgate.adapters.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Anthropic responses and streams presented to an OpenAI client. */
class OpenAiToAnthropicResponseTest {

    private static final long CREATED = 1741569952L;

    @Test
    void shouldTranslateATextMessage() {
        ObjectNode completion = OpenAiToAnthropic.response(Fixtures.json("anthropic/message_text.json"), "gpt-4o",
                "chatcmpl-gw0", CREATED);

        assertThat(Fixtures.wire(completion)).isEqualTo(Fixtures.tree("""
                {"id": "chatcmpl-gw0", "object": "chat.completion", "created": 1741569952, "model": "gpt-4o",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hi! My name is Claude."},
                              "logprobs": null, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": 2095, "completion_tokens": 503, "total_tokens": 2598,
                           "prompt_tokens_details": {"cached_tokens": 0},
                           "completion_tokens_details": {"reasoning_tokens": 0}}}"""));
    }

    @Test
    void shouldTranslateAToolUseMessage() {
        ObjectNode completion = OpenAiToAnthropic.response(Fixtures.json("anthropic/message_tool_use.json"),
                "gpt-4o", "chatcmpl-gw1", CREATED);

        assertThat(Fixtures.wire(completion))
                .isEqualTo(Fixtures.json("translate/openai_response_from_anthropic_tool_use.json"));
    }

    @Test
    void shouldDropThinkingAndLeaveContentNullWithoutText() {
        ObjectNode completion = OpenAiToAnthropic.response(Fixtures.tree("""
                {"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
                 "content": [{"type": "thinking", "thinking": "hmm", "signature": "sig"},
                             {"type": "tool_use", "id": "toolu_1", "name": "now", "input": {}}],
                 "stop_reason": "tool_use", "usage": {"input_tokens": 10, "output_tokens": 30}}"""),
                "gpt-4o", "chatcmpl-x", CREATED);

        JsonNode message = completion.path("choices").get(0).path("message");
        assertThat(message.path("content").isNull()).isTrue();
        assertThat(Fixtures.wire(message.path("tool_calls"))).isEqualTo(Fixtures.tree("""
                [{"id": "toolu_1", "type": "function", "function": {"name": "now", "arguments": "{}"}}]"""));
    }

    @Test
    void shouldMapStopReasonsToFinishReasons() {
        for (String[] pair : new String[][] {{"end_turn", "stop"}, {"stop_sequence", "stop"},
                {"max_tokens", "length"}, {"tool_use", "tool_calls"}, {"refusal", "content_filter"}}) {
            ObjectNode message = Fixtures.json("anthropic/message_text.json").put("stop_reason", pair[0]);

            assertThat(OpenAiToAnthropic.response(message, "gpt-4o", "id", CREATED).path("choices").get(0)
                    .path("finish_reason").asText()).as(pair[0]).isEqualTo(pair[1]);
        }
    }

    @Test
    void shouldThrowTheUpstreamErrorOfAnErrorBody() {
        assertThatThrownBy(() -> OpenAiToAnthropic.response(Fixtures.json("anthropic/error_overloaded.json"),
                "gpt-4o", "id", CREATED)).isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.getMessage()).isEqualTo("Overloaded");
                });
    }

    @Test
    void shouldStreamTextWithTheUsageChunkWhenAsked() {
        StreamTranslator translator = OpenAiToAnthropic.stream("gpt-4o", "chatcmpl-s1", CREATED, true);

        List<SseEvent> out = Fixtures.run(translator, Fixtures.sse("anthropic/stream_text.sse"));

        String head = "\"id\":\"chatcmpl-s1\",\"object\":\"chat.completion.chunk\",\"created\":1741569952,"
                + "\"model\":\"gpt-4o\"";
        String chunk = "{" + head + ",\"choices\":[{\"index\":0,\"delta\":%s,\"logprobs\":null,\"finish_reason\":%s}]}";
        Fixtures.assertSameEvents(out, List.of(
                SseEvent.data(chunk.formatted("{\"role\":\"assistant\",\"content\":\"\"}", "null")),
                SseEvent.data(chunk.formatted("{\"content\":\"Hello\"}", "null")),
                SseEvent.data(chunk.formatted("{\"content\":\"!\"}", "null")),
                SseEvent.data(chunk.formatted("{}", "\"stop\"")),
                SseEvent.data("{" + head + ",\"choices\":[],\"usage\":{\"prompt_tokens\":1825,\"completion_tokens\":15,"
                        + "\"total_tokens\":1840,\"prompt_tokens_details\":{\"cached_tokens\":1800},"
                        + "\"completion_tokens_details\":{\"reasoning_tokens\":0}}}"),
                SseEvent.data("[DONE]")));
        assertThat(translator.completed()).isTrue();
        assertThat(translator.usage()).isEqualTo(new Usage(25, 1800, 0, 0, 15, 0));
    }

    @Test
    void shouldLeaveTheUsageChunkOutWhenNotAsked() {
        StreamTranslator translator = OpenAiToAnthropic.stream("gpt-4o", "chatcmpl-s1", CREATED, false);

        List<SseEvent> out = Fixtures.run(translator, Fixtures.sse("anthropic/stream_text.sse"));

        assertThat(out).hasSize(5);
        assertThat(Fixtures.trees(out)).noneMatch(chunk -> chunk.has("usage"));
        assertThat(out.getLast()).isEqualTo(SseEvent.data("[DONE]"));
        assertThat(translator.usage()).isEqualTo(new Usage(25, 1800, 0, 0, 15, 0));
    }

    @Test
    void shouldStreamToolUseBlocksAsToolCallDeltas() {
        StreamTranslator translator = OpenAiToAnthropic.stream("gpt-4o", "chatcmpl-gw2", 1739980224L, true);

        List<SseEvent> out = Fixtures.run(translator, Fixtures.sse("anthropic/stream_tool_use.sse"));

        Fixtures.assertSameEvents(out, Fixtures.sse("translate/openai_chunks_from_anthropic_tool_use.sse"));
        assertThat(ToolCallRoundTripTest.reassembleOpenAiArguments(out)).containsExactly(
                Fixtures.tree("{\"location\": \"San Francisco, CA\", \"unit\": \"fahrenheit\"}"),
                Fixtures.tree("{\"location\": \"New York, NY\"}"));
    }

    @Test
    void shouldHideThinkingDeltas() {
        List<SseEvent> out = Fixtures.run(OpenAiToAnthropic.stream("o3", "chatcmpl-t", CREATED, false),
                Fixtures.sse("anthropic/stream_thinking.sse"));

        List<JsonNode> deltas = Fixtures.trees(out).stream().map(c -> c.path("choices").get(0).path("delta")).toList();
        assertThat(deltas).containsExactly(
                Fixtures.tree("{\"role\": \"assistant\", \"content\": \"\"}"),
                Fixtures.tree("{\"content\": \"The greatest common divisor (GCD) of 1071 and 462 is **21**.\"}"),
                Fixtures.tree("{}"));
    }

    @Test
    void shouldThrowOnAnErrorEventWithTheMappedStatus() {
        StreamTranslator translator = OpenAiToAnthropic.stream("gpt-4o", "chatcmpl-e", CREATED, true);
        List<SseEvent> events = Fixtures.sse("anthropic/stream_error.sse");
        for (SseEvent event : events.subList(0, events.size() - 1)) {
            translator.onEvent(event);
        }

        assertThatThrownBy(() -> translator.onEvent(events.getLast()))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM_ERROR);
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.getMessage()).isEqualTo("Overloaded");
                    assertThat(e.upstreamType()).contains("overloaded_error");
                });
        assertThat(translator.completed()).isFalse();
    }

    @Test
    void shouldAddNothingAtTheEndOfACutStream() {
        StreamTranslator translator = OpenAiToAnthropic.stream("gpt-4o", "chatcmpl-c", CREATED, true);
        List<SseEvent> events = Fixtures.sse("anthropic/stream_text.sse");

        List<SseEvent> out = Fixtures.run(translator, events.subList(0, 5));

        assertThat(out).hasSize(3);
        assertThat(translator.onEnd()).isEmpty();
        assertThat(translator.completed()).isFalse();
        assertThat(translator.usage()).isEqualTo(new Usage(25, 1800, 0, 0, 1, 0));
    }

    @Test
    void shouldRejectAnEventThatIsNotJson() {
        StreamTranslator translator = OpenAiToAnthropic.stream("gpt-4o", "chatcmpl-c", CREATED, true);

        assertThatThrownBy(() -> translator.onEvent(SseEvent.named("content_block_delta", "{\"type\":")))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM_ERROR));
    }
}
