package io.tollgate.adapters.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.SseEvent;
import io.tollgate.adapters.Usage;
import io.tollgate.adapters.translate.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OpenAI to Gemini and back (and Gemini to OpenAI and back) keeps the meaning. */
class GeminiRoundTripTest {

    @Test
    void shouldKeepAnOpenAiRequestThroughGemini() {
        ObjectNode original = Fixtures.object("""
                {"model": "gemini-2.5-flash", "messages": [
                  {"role": "system", "content": "Be brief."},
                  {"role": "user", "content": [{"type": "text", "text": "What is in this picture, and the weather?"},
                    {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}}]},
                  {"role": "assistant", "content": "Let me check.", "tool_calls": [
                    {"id": "call_0", "type": "function", "function": {"name": "get_weather",
                     "arguments": "{\\"location\\":\\"Paris\\"}"}},
                    {"id": "call_1", "type": "function", "function": {"name": "get_time", "arguments": "{}"}}]},
                  {"role": "tool", "tool_call_id": "call_0", "content": "{\\"temp_c\\":18}"},
                  {"role": "tool", "tool_call_id": "call_1", "content": "noon"},
                  {"role": "user", "content": "Thanks"}],
                 "tools": [{"type": "function", "function": {"name": "get_weather", "description": "Weather",
                   "parameters": {"type": "object", "properties": {"location": {"type": "string"}},
                                  "required": ["location"]}}}],
                 "tool_choice": "required", "temperature": 0.2, "top_p": 0.5, "max_completion_tokens": 300,
                 "stop": ["END"], "n": 1, "seed": 3, "response_format": {"type": "json_object"},
                 "reasoning_effort": "low"}""");

        ObjectNode gemini = OpenAiToGemini.request(original, 0);
        JsonNode back = Fixtures.wire(GeminiToOpenAi.request(gemini, "gemini-2.5-flash", false));

        assertThat(back).isEqualTo(Fixtures.wire(original));
    }

    @Test
    void shouldKeepAGeminiResponseThroughOpenAi() {
        ObjectNode original = Fixtures.json("gemini/response_function_call.json");

        Translation openAi = OpenAiToGemini.response(original, "gemini-2.5-flash", "chatcmpl-1", 1L);
        Translation back = GeminiToOpenAi.response(Fixtures.wire(openAi.body()), "gemini-2.5-flash", "r");

        assertThat(Fixtures.wire(back.body().path("candidates"))).isEqualTo(Fixtures.tree("""
                [{"content": {"role": "model", "parts": [
                   {"functionCall": {"id": "call_0", "name": "schedule_meeting", "args": {"attendees": ["Bob", "Alice"],
                     "date": "2025-03-27", "time": "10:00", "topic": "Q3 planning"}},
                    "thoughtSignature": "CiQB0e2Kb8Zq5Yv0Qz3sZ1Jb2W5aT0EXAMPLE"},
                   {"functionCall": {"id": "call_1", "name": "get_weather", "args": {"location": "San Francisco, CA"}}}]},
                  "finishReason": "STOP", "index": 0}]"""));
        assertThat(back.usage()).isEqualTo(openAi.usage());
    }

    @Test
    void shouldKeepUsageBucketsAndTotalsThroughOpenAi() {
        Translation openAi = OpenAiToGemini.response(Fixtures.json("gemini/response_thinking_cached.json"), "m",
                "c", 1L);

        Translation back = GeminiToOpenAi.response(Fixtures.wire(openAi.body()), "m", "r");

        assertThat(back.usage()).isEqualTo(new Usage(72, 2048, 0, 0, 10, 352));
        assertThat(back.body().path("usageMetadata").path("totalTokenCount").asLong()).isEqualTo(2482);
        assertThat(back.body().path("candidates").get(0).path("content").path("parts")).isEqualTo(Fixtures.tree("""
                [{"text": "There are 8 prime numbers below 20."}]"""));
    }

    @Test
    void shouldKeepAGeminiStreamThroughOpenAiChunks() {
        List<SseEvent> chunks = Fixtures.run(OpenAiToGemini.stream("m", "c", 1L, true),
                Fixtures.sse("gemini/stream_function_call.sse"));

        List<JsonNode> back = Fixtures.trees(Fixtures.run(GeminiToOpenAi.stream("gemini-2.5-flash", "r"), chunks));

        assertThat(back).hasSize(2);
        assertThat(back.get(0).path("candidates").get(0).path("content").path("parts")).isEqualTo(Fixtures.tree("""
                [{"text": "Let me check both cities."}]"""));
        assertThat(back.get(1).path("candidates")).isEqualTo(Fixtures.tree("""
                [{"content": {"role": "model", "parts": [
                   {"functionCall": {"id": "call_0", "name": "get_weather", "args": {"location": "Paris"}},
                    "thoughtSignature": "CsUBAdHtim9sig"},
                   {"functionCall": {"id": "call_1", "name": "get_weather", "args": {"location": "London"}}}]},
                  "finishReason": "STOP", "index": 0}]"""));
        assertThat(back.get(1).path("usageMetadata")).isEqualTo(Fixtures.tree("""
                {"promptTokenCount": 74, "candidatesTokenCount": 36, "totalTokenCount": 160,
                 "thoughtsTokenCount": 50}"""));
    }
}
