package io.tollgate.adapters.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.SseEvent;
import io.tollgate.adapters.StreamTranslator;
import io.tollgate.adapters.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An Anthropic client served by an OpenAI-compatible upstream. */
class AnthropicToOpenAiTest {

    private static void assertInvalid(String anthropicJson, String param) {
        assertThatThrownBy(() -> AnthropicToOpenAi.request(Fixtures.object(anthropicJson), "gpt-4o", true))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
                    assertThat(e.param()).contains(param);
                });
    }

    @Test
    void shouldTranslateTheToolConversationFixtureExactly() {
        ObjectNode request = Fixtures.json("anthropic/messages_request_tools.json");
        ObjectNode before = request.deepCopy();

        ObjectNode openAi = AnthropicToOpenAi.request(request, "gpt-4o", true);

        assertThat(Fixtures.wire(openAi)).isEqualTo(Fixtures.json("translate/anthropic_to_openai_request.json"));
        assertThat(request).isEqualTo(before);
    }

    @Test
    void shouldMarkFailedToolResultsAndMoveTheirImagesToTheUserTurn() {
        ObjectNode openAi = AnthropicToOpenAi.request(Fixtures.object("""
                {"model": "claude-sonnet-4-5", "max_tokens": 100, "messages": [
                  {"role": "user", "content": [
                    {"type": "tool_result", "tool_use_id": "toolu_1", "is_error": true, "content": "not found"},
                    {"type": "tool_result", "tool_use_id": "toolu_2", "content": [
                      {"type": "image", "source": {"type": "url", "url": "https://example.com/shot.png"}}]}]}]}"""),
                "gpt-4o", false);

        assertThat(Fixtures.wire(openAi.path("messages"))).isEqualTo(Fixtures.tree("""
                [{"role": "tool", "tool_call_id": "toolu_1", "content": "Error: not found"},
                 {"role": "tool", "tool_call_id": "toolu_2", "content": ""},
                 {"role": "user", "content": [
                   {"type": "image_url", "image_url": {"url": "https://example.com/shot.png"}}]}]"""));
    }

    @Test
    void shouldMapToolChoicesAndLeaveStreamOptionsOutWhenNotWanted() {
        String base = """
                {"model": "claude-sonnet-4-5", "max_tokens": 100, "stream": true,
                 "messages": [{"role": "user", "content": "Hi"}],
                 "tools": [{"name": "lookup", "input_schema": {"type": "object"}}], "tool_choice": """;

        ObjectNode named = AnthropicToOpenAi.request(Fixtures.object(base + "{\"type\": \"tool\", \"name\": \"lookup\"}}"),
                "gpt-4o", false);
        assertThat(Fixtures.wire(named.path("tool_choice")))
                .isEqualTo(Fixtures.tree("{\"type\": \"function\", \"function\": {\"name\": \"lookup\"}}"));
        assertThat(named.has("stream_options")).isFalse();
        assertThat(AnthropicToOpenAi.request(Fixtures.object(base + "{\"type\": \"auto\"}}"), "gpt-4o", true)
                .path("tool_choice").asText()).isEqualTo("auto");
        assertThat(AnthropicToOpenAi.request(Fixtures.object(base + "{\"type\": \"none\"}}"), "gpt-4o", true)
                .path("tool_choice").asText()).isEqualTo("none");
    }

    @Test
    void shouldNameTheFaultyParameter() {
        assertInvalid("{\"model\": \"c\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}", "max_tokens");
        assertInvalid("{\"max_tokens\": 10, \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}", "model");
        assertInvalid("{\"model\": \"c\", \"max_tokens\": 10}", "messages");
        assertInvalid("""
                {"model": "c", "max_tokens": 10, "messages": [{"role": "user", "content": "Hi"}],
                 "tools": [{"type": "web_search_20250305", "name": "web_search"}]}""", "tools[0].type");
        assertInvalid("""
                {"model": "c", "max_tokens": 10, "messages": [{"role": "user", "content": [
                  {"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": "JVBE"}}]}]}""",
                "messages[0].content[0].type");
        assertInvalid("""
                {"model": "c", "max_tokens": 10, "messages": [{"role": "system", "content": "Hi"}]}""",
                "messages[0].role");
        assertInvalid("""
                {"model": "c", "max_tokens": 10, "system": 5, "messages": [{"role": "user", "content": "Hi"}]}""",
                "system");
    }

    @Test
    void shouldTranslateATextCompletion() {
        ObjectNode message = AnthropicToOpenAi.response(Fixtures.json("openai/chat_completion_text.json"),
                "claude-sonnet-4-5");

        assertThat(Fixtures.wire(message)).isEqualTo(Fixtures.tree("""
                {"id": "msg_B9MBs8CjcvOU2jLn4n570S5qMJKcT", "type": "message", "role": "assistant",
                 "model": "claude-sonnet-4-5",
                 "content": [{"type": "text", "text": "Hello! How can I assist you today?"}],
                 "stop_reason": "end_turn", "stop_sequence": null,
                 "usage": {"input_tokens": 19, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0,
                           "cache_creation": {"ephemeral_5m_input_tokens": 0, "ephemeral_1h_input_tokens": 0},
                           "output_tokens": 10}}"""));
    }

    @Test
    void shouldTranslateAToolCallCompletion() {
        assertThat(Fixtures.wire(AnthropicToOpenAi.response(Fixtures.json("openai/chat_completion_tool_calls.json"),
                "claude-sonnet-4-5"))).isEqualTo(Fixtures.json("translate/anthropic_response_from_openai_tool_calls.json"));
    }

    @Test
    void shouldMapFinishReasonsAndRefusals() {
        ObjectNode length = Fixtures.json("openai/chat_completion_text.json");
        ((ObjectNode) length.path("choices").get(0)).put("finish_reason", "length");
        assertThat(AnthropicToOpenAi.response(length, "c").path("stop_reason").asText()).isEqualTo("max_tokens");

        ObjectNode refused = Fixtures.json("openai/chat_completion_text.json");
        ((ObjectNode) refused.path("choices").get(0).path("message")).putNull("content")
                .put("refusal", "I can't help with that.");
        ObjectNode message = AnthropicToOpenAi.response(refused, "c");
        assertThat(message.path("stop_reason").asText()).isEqualTo("refusal");
        assertThat(message.path("content")).isEqualTo(
                Fixtures.tree("[{\"type\": \"text\", \"text\": \"I can't help with that.\"}]"));
    }

    @Test
    void shouldRejectToolArgumentsThatAreNotAnObject() {
        ObjectNode broken = Fixtures.json("openai/chat_completion_tool_calls.json");
        ((ObjectNode) broken.path("choices").get(0).path("message").path("tool_calls").get(0).path("function"))
                .put("arguments", "{\"location\": \"Bos");

        assertThatThrownBy(() -> AnthropicToOpenAi.response(broken, "c"))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM_ERROR));
    }

    @Test
    void shouldStreamTextAsNamedEventsWithUsageInMessageDelta() {
        StreamTranslator translator = AnthropicToOpenAi.stream("claude-sonnet-4-5", "msg_s1");

        List<SseEvent> out = Fixtures.run(translator, Fixtures.sse("openai/stream_text.sse"));

        String delta = "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"%s\"}}";
        Fixtures.assertSameEvents(out, List.of(
                SseEvent.named("message_start", """
                        {"type":"message_start","message":{"id":"msg_s1","type":"message","role":"assistant",
                         "model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,
                         "usage":{"input_tokens":0,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,
                                  "cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},
                                  "output_tokens":0}}}"""),
                SseEvent.named("content_block_start",
                        "{\"type\":\"content_block_start\",\"index\":0,"
                                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
                SseEvent.named("content_block_delta", delta.formatted("Hello")),
                SseEvent.named("content_block_delta", delta.formatted("! How can I")),
                SseEvent.named("content_block_delta", delta.formatted(" help you today?")),
                SseEvent.named("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
                SseEvent.named("message_delta", """
                        {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},
                         "usage":{"input_tokens":176,"cache_creation_input_tokens":0,"cache_read_input_tokens":1024,
                                  "output_tokens":9}}"""),
                SseEvent.named("message_stop", "{\"type\":\"message_stop\"}")));
        assertThat(translator.completed()).isTrue();
        assertThat(translator.usage()).isEqualTo(new Usage(176, 1024, 0, 0, 9, 0));
    }

    @Test
    void shouldStreamToolCallsAsToolUseBlocks() {
        StreamTranslator translator = AnthropicToOpenAi.stream("claude-sonnet-4-5", "msg_gw3");

        List<SseEvent> out = Fixtures.run(translator, Fixtures.sse("openai/stream_tool_calls.sse"));

        Fixtures.assertSameEvents(out, Fixtures.sse("translate/anthropic_events_from_openai_tool_calls.sse"));
        assertThat(translator.usage()).isEqualTo(Usage.of(84, 48));
    }

    @Test
    void shouldCloseAStreamThatFinishedWithoutDone() {
        StreamTranslator translator = AnthropicToOpenAi.stream("claude-sonnet-4-5", "msg_s2");
        List<SseEvent> events = Fixtures.sse("openai/stream_text.sse");
        for (SseEvent event : events.subList(0, events.size() - 1)) {
            translator.onEvent(event);
        }
        assertThat(translator.completed()).isFalse();

        List<SseEvent> closing = translator.onEnd();

        assertThat(closing.stream().map(SseEvent::event).toList()).containsExactly("message_delta", "message_stop");
        assertThat(translator.completed()).isTrue();
        assertThat(translator.onEnd()).isEmpty();
    }

    @Test
    void shouldLeaveACutStreamIncomplete() {
        StreamTranslator translator = AnthropicToOpenAi.stream("claude-sonnet-4-5", "msg_s3");

        List<SseEvent> out = Fixtures.run(translator, Fixtures.sse("openai/stream_text.sse").subList(0, 3));

        assertThat(out.stream().map(SseEvent::event).toList())
                .containsExactly("message_start", "content_block_start", "content_block_delta", "content_block_delta");
        assertThat(translator.completed()).isFalse();
        assertThat(translator.usage()).isEqualTo(Usage.ZERO);
    }

    @Test
    void shouldThrowOnAnErrorChunk() {
        StreamTranslator translator = AnthropicToOpenAi.stream("claude-sonnet-4-5", "msg_e");
        List<SseEvent> events = Fixtures.sse("openai/stream_error.sse");
        translator.onEvent(events.get(0));
        translator.onEvent(events.get(1));

        assertThatThrownBy(() -> translator.onEvent(events.get(2)))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.getMessage()).isEqualTo(
                            "The server had an error while processing your request. Sorry about that!");
                    assertThat(e.upstreamType()).contains("server_error");
                });
    }
}
