package io.tollgate.adapters.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.translate.Fixtures;
import org.junit.jupiter.api.Test;

/** Gemini requests of the native route, sent on through the OpenAI hub. */
class GeminiClientRequestTest {

    private static JsonNode translate(String gemini, boolean stream) {
        return Fixtures.wire(GeminiToOpenAi.request(Fixtures.object(gemini), "gemini-2.5-flash", stream));
    }

    private static void assertInvalid(String gemini, String param, String message) {
        assertThatThrownBy(() -> GeminiToOpenAi.request(Fixtures.object(gemini), "m", false))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.param()).contains(param);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    @Test
    void shouldTranslateAFunctionCallingConversation() {
        JsonNode openAi = Fixtures.wire(GeminiToOpenAi.request(Fixtures.json("gemini/request_function_calling.json"),
                "gemini-2.5-flash", true));

        assertThat(openAi).isEqualTo(Fixtures.tree("""
                {"model": "gemini-2.5-flash",
                 "messages": [
                   {"role": "system", "content": "You are a helpful scheduling assistant."},
                   {"role": "user", "content":
                     "Schedule a meeting with Bob and Alice for 03/27/2025 at 10:00 AM about the Q3 planning."},
                   {"role": "assistant", "content": null, "tool_calls": [
                     {"id": "call_0", "type": "function", "function": {"name": "schedule_meeting",
                      "arguments": "{\\"attendees\\":[\\"Bob\\",\\"Alice\\"],\\"date\\":\\"2025-03-27\\",\\"time\\":\\"10:00\\",\\"topic\\":\\"Q3 planning\\"}"},
                      "extra_content": {"google": {"thought_signature": "CiQB0e2Kb8sig"}}}]},
                   {"role": "tool", "tool_call_id": "call_0", "content": "{\\"result\\":\\"ok\\",\\"meeting_id\\":42}"},
                   {"role": "user", "content": [
                     {"type": "text", "text": "Also, what does this show?"},
                     {"type": "image_url", "image_url": {"url": "data:image/jpeg;base64,/9j/4AAQSkZJRg=="}}]}],
                 "tools": [{"type": "function", "function": {"name": "schedule_meeting",
                   "description": "Schedules a meeting with specified attendees at a given time and date.",
                   "parameters": {"type": "object", "properties": {
                     "attendees": {"type": "array", "items": {"type": "string"},
                                   "description": "List of people attending the meeting."},
                     "date": {"type": "string", "description": "Date of the meeting (e.g., '2024-07-29')"},
                     "time": {"type": "string", "description": "Time of the meeting (e.g., '15:00')"},
                     "topic": {"type": ["string", "null"], "description": "The subject or topic of the meeting."}},
                     "required": ["attendees", "date", "time", "topic"]}}}],
                 "tool_choice": {"type": "function", "function": {"name": "schedule_meeting"}},
                 "temperature": 1.0, "top_p": 0.8, "max_completion_tokens": 800, "n": 1, "seed": 7,
                 "stop": ["Title"], "reasoning_effort": "medium",
                 "stream": true, "stream_options": {"include_usage": true}}"""));
    }

    @Test
    void shouldMatchFunctionResponsesByIdOrByName() {
        JsonNode openAi = translate("""
                {"contents": [{"role": "user", "parts": [{"text": "Go"}]},
                  {"role": "model", "parts": [{"functionCall": {"name": "a", "args": {}}},
                                              {"functionCall": {"id": "fc-b", "name": "b", "args": {"x": 1}}}]},
                  {"role": "user", "parts": [{"functionResponse": {"id": "fc-b", "name": "b", "response": {"y": 2}}},
                                             {"functionResponse": {"name": "a",
                                                                   "response": {"content": "plain"}}}]}]}""", false);

        assertThat(openAi.path("messages")).isEqualTo(Fixtures.tree("""
                [{"role": "user", "content": "Go"},
                 {"role": "assistant", "content": null, "tool_calls": [
                   {"id": "call_0", "type": "function", "function": {"name": "a", "arguments": "{}"}},
                   {"id": "fc-b", "type": "function", "function": {"name": "b", "arguments": "{\\"x\\":1}"}}]},
                 {"role": "tool", "tool_call_id": "fc-b", "content": "{\\"y\\":2}"},
                 {"role": "tool", "tool_call_id": "call_0", "content": "plain"}]"""));
    }

    @Test
    void shouldMapJsonModeThinkingLevelsAndToolModes() {
        JsonNode schema = translate("""
                {"contents": [{"parts": [{"text": "List cookies"}]}],
                 "tools": [{"functionDeclarations": [{"name": "f", "parametersJsonSchema": {"type": "object"}}]}],
                 "toolConfig": {"functionCallingConfig": {"mode": "ANY"}},
                 "generationConfig": {"responseMimeType": "application/json",
                   "responseSchema": {"type": "ARRAY", "items": {"type": "STRING"}},
                   "thinkingConfig": {"thinkingLevel": "HIGH"}}}""", false);
        JsonNode object = translate("""
                {"contents": [{"parts": [{"text": "hi"}]}],
                 "tools": [{"functionDeclarations": [{"name": "f"}]}],
                 "toolConfig": {"functionCallingConfig": {"mode": "NONE"}},
                 "generationConfig": {"responseMimeType": "application/json", "thinkingConfig": {"thinkingBudget": 0}}}
                """, false);

        assertThat(schema.path("response_format")).isEqualTo(Fixtures.tree("""
                {"type": "json_schema", "json_schema": {"name": "response",
                  "schema": {"type": "array", "items": {"type": "string"}}}}"""));
        assertThat(schema.path("reasoning_effort").asText()).isEqualTo("high");
        assertThat(schema.path("tool_choice").asText()).isEqualTo("required");
        assertThat(schema.path("tools").get(0).path("function").path("parameters"))
                .isEqualTo(Fixtures.tree("{\"type\": \"object\"}"));
        assertThat(object.path("response_format")).isEqualTo(Fixtures.tree("{\"type\": \"json_object\"}"));
        assertThat(object.path("reasoning_effort").asText()).isEqualTo("none");
        assertThat(object.path("tool_choice").asText()).isEqualTo("none");
        assertThat(object.path("tools").get(0).path("function").path("parameters"))
                .isEqualTo(Fixtures.tree("{\"type\": \"object\", \"properties\": {}}"));
    }

    @Test
    void shouldRefuseWhatTheHubCannotExpress() {
        assertInvalid("""
                {"contents": [{"parts": [{"text": "hi"}]}], "cachedContent": "cachedContents/abc"}""",
                "cachedContent", "'cachedContent' is not supported through this gateway");
        assertInvalid("""
                {"contents": [{"parts": [{"text": "hi"}]}], "tools": [{"googleSearch": {}}]}""",
                "tools[0].googleSearch",
                "the tool 'googleSearch' is not supported by the upstream provider; only functionDeclarations are");
        assertInvalid("""
                {"contents": [{"parts": [{"fileData": {"mimeType": "video/mp4",
                  "fileUri": "https://generativelanguage.googleapis.com/v1beta/files/abc"}}]}]}""",
                "contents[0].parts[0].fileData", "only images at http(s) URLs can be passed by URI, not video/mp4 "
                        + "at https://generativelanguage.googleapis.com/v1beta/files/abc");
        assertInvalid("""
                {"contents": [{"parts": [{"functionResponse": {"name": "f", "response": {}}}]}]}""",
                "contents[0].parts[0].functionResponse",
                "'contents[0].parts[0].functionResponse' answers no earlier functionCall of 'f'");
        assertInvalid("""
                {"contents": [{"parts": [{"text": "hi"}]}], "generationConfig": {"responseLogprobs": true}}""",
                "generationConfig.responseLogprobs",
                "'generationConfig.responseLogprobs' is not supported through this gateway");
        assertInvalid("{\"contents\": []}", "contents", "'contents' is required and must be a non-empty array");
    }
}
