package io.tollgate.adapters.translate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.SseEvent;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Tool calls survive every hop: request, response, the next turn, and streams reassembled. */
class ToolCallRoundTripTest {

    /** Joins the {@code arguments} fragments of OpenAI chunks per tool index and parses each. */
    static List<JsonNode> reassembleOpenAiArguments(List<SseEvent> chunks) {
        Map<Integer, StringBuilder> byIndex = new TreeMap<>();
        for (JsonNode chunk : Fixtures.trees(chunks)) {
            for (JsonNode call : chunk.path("choices").path(0).path("delta").path("tool_calls")) {
                byIndex.computeIfAbsent(call.path("index").asInt(), i -> new StringBuilder())
                        .append(call.path("function").path("arguments").asText(""));
            }
        }
        return byIndex.values().stream().map(b -> Fixtures.tree(b.toString())).toList();
    }

    /** Joins the {@code partial_json} fragments of Anthropic events per tool_use block and parses each. */
    static List<JsonNode> reassembleAnthropicInputs(List<SseEvent> events) {
        Map<Integer, StringBuilder> byBlock = new TreeMap<>();
        for (JsonNode event : Fixtures.trees(events)) {
            int index = event.path("index").asInt();
            if ("tool_use".equals(event.path("content_block").path("type").asText())) {
                byBlock.put(index, new StringBuilder());
            } else if ("input_json_delta".equals(event.path("delta").path("type").asText())) {
                byBlock.get(index).append(event.path("delta").path("partial_json").asText());
            }
        }
        return byBlock.values().stream().map(b -> Fixtures.tree(b.toString())).toList();
    }

    @Test
    void shouldCarryToolCallsFromAnOpenAiClientThroughAnthropicAndBack() {
        ObjectNode openAiRequest = Fixtures.json("openai/chat_request_tools.json");
        ObjectNode anthropicRequest = OpenAiToAnthropic.request(openAiRequest, "claude-sonnet-4-5", 1024);
        assertThat(Fixtures.wire(anthropicRequest.path("messages").get(1).path("content").get(1).path("input")))
                .isEqualTo(Fixtures.tree("{\"location\": \"Paris, France\", \"unit\": \"celsius\"}"));

        ObjectNode completion = OpenAiToAnthropic.response(Fixtures.json("anthropic/message_tool_use.json"),
                "gpt-4o", "chatcmpl-1", 1L);
        JsonNode assistant = completion.path("choices").get(0).path("message");

        ArrayNode nextTurn = ((ArrayNode) openAiRequest.path("messages")).deepCopy();
        nextTurn.add(assistant);
        nextTurn.addObject().put("role", "tool").put("tool_call_id", "toolu_01A09q90qw90lq917835lq9")
                .put("content", "15 degrees");
        ObjectNode next = openAiRequest.deepCopy();
        next.set("messages", nextTurn);
        JsonNode messages = OpenAiToAnthropic.request(next, "claude-sonnet-4-5", 1024).path("messages");

        assertThat(Fixtures.wire(messages.get(messages.size() - 2))).isEqualTo(Fixtures.tree("""
                {"role": "assistant", "content": [
                  {"type": "text", "text": "I'll check the current weather in San Francisco for you."},
                  {"type": "tool_use", "id": "toolu_01A09q90qw90lq917835lq9", "name": "get_weather",
                   "input": {"location": "San Francisco, CA", "unit": "celsius"}}]}"""));
        assertThat(Fixtures.wire(messages.get(messages.size() - 1))).isEqualTo(Fixtures.tree("""
                {"role": "user", "content": [
                  {"type": "tool_result", "tool_use_id": "toolu_01A09q90qw90lq917835lq9", "content": "15 degrees"}]}"""));
    }

    @Test
    void shouldCarryToolCallsFromAnAnthropicClientThroughOpenAiAndBack() {
        ObjectNode anthropicRequest = Fixtures.json("anthropic/messages_request_tools.json");
        ObjectNode openAiRequest = AnthropicToOpenAi.request(anthropicRequest, "gpt-4o", true);
        assertThat(openAiRequest.path("messages").get(2).path("tool_calls").get(0).path("function")
                .path("arguments").asText()).isEqualTo("{\"location\":\"San Francisco, CA\",\"unit\":\"celsius\"}");

        ObjectNode message = AnthropicToOpenAi.response(Fixtures.json("openai/chat_completion_tool_calls.json"),
                "claude-sonnet-4-5");

        ObjectNode next = anthropicRequest.deepCopy();
        ArrayNode turns = (ArrayNode) next.path("messages");
        turns.addObject().put("role", "assistant").set("content", message.path("content"));
        ObjectNode results = turns.addObject().put("role", "user");
        results.putArray("content").addObject().put("type", "tool_result").put("tool_use_id", "call_def456")
                .put("content", "18 degrees").put("is_error", false);
        JsonNode messages = AnthropicToOpenAi.request(next, "gpt-4o", true).path("messages");

        assertThat(Fixtures.wire(messages.get(messages.size() - 2).path("tool_calls"))).isEqualTo(Fixtures.tree("""
                [{"id": "call_abc123", "type": "function",
                  "function": {"name": "get_current_weather", "arguments": "{\\"location\\":\\"Boston, MA\\"}"}},
                 {"id": "call_def456", "type": "function",
                  "function": {"name": "get_current_weather",
                               "arguments": "{\\"location\\":\\"Paris, France\\",\\"unit\\":\\"celsius\\"}"}}]"""));
        assertThat(Fixtures.wire(messages.get(messages.size() - 1))).isEqualTo(Fixtures.tree("""
                {"role": "tool", "tool_call_id": "call_def456", "content": "18 degrees"}"""));
    }

    @Test
    void shouldReassembleStreamedArgumentsInBothDirections() {
        List<SseEvent> anthropicEvents = Fixtures.run(AnthropicToOpenAi.stream("claude", "msg_1"),
                Fixtures.sse("openai/stream_tool_calls.sse"));
        assertThat(reassembleAnthropicInputs(anthropicEvents)).containsExactly(
                Fixtures.tree("{\"location\": \"Paris, France\"}"),
                Fixtures.tree("{\"location\": \"Bogotá, Colombia\"}"));

        List<SseEvent> backToOpenAi = Fixtures.run(OpenAiToAnthropic.stream("gpt-4o", "chatcmpl-1", 1L, false),
                anthropicEvents);
        assertThat(reassembleOpenAiArguments(backToOpenAi)).containsExactly(
                Fixtures.tree("{\"location\": \"Paris, France\"}"),
                Fixtures.tree("{\"location\": \"Bogotá, Colombia\"}"));
    }
}
