package io.tollgate.adapters.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.translate.Fixtures;
import org.junit.jupiter.api.Test;

/** OpenAI Chat Completions requests sent to a Gemini upstream. */
class GeminiRequestTest {

    private static JsonNode translate(String openAi) {
        return Fixtures.wire(OpenAiToGemini.request(Fixtures.object(openAi), 0));
    }

    private static void assertInvalid(String openAi, String param, String message) {
        assertThatThrownBy(() -> OpenAiToGemini.request(Fixtures.object(openAi), 0))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.param()).contains(param);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    @Test
    void shouldTranslateSystemAndAMultiTurnConversation() {
        JsonNode gemini = translate("""
                {"model": "gemini-2.5-flash", "messages": [
                  {"role": "system", "content": "You are a cat. Your name is Neko."},
                  {"role": "user", "content": "Hello"},
                  {"role": "assistant", "content": "Great to meet you. What would you like to know?"},
                  {"role": "developer", "content": [{"type": "text", "text": "Answer briefly."}]},
                  {"role": "user", "content": [{"type": "text", "text": "I have two dogs in my house."},
                                               {"type": "text", "text": "How many paws are in my house?"}]}]}""");

        assertThat(gemini).isEqualTo(Fixtures.tree("""
                {"systemInstruction": {"parts": [{"text": "You are a cat. Your name is Neko."},
                                                 {"text": "Answer briefly."}]},
                 "contents": [
                   {"role": "user", "parts": [{"text": "Hello"}]},
                   {"role": "model", "parts": [{"text": "Great to meet you. What would you like to know?"}]},
                   {"role": "user", "parts": [{"text": "I have two dogs in my house."},
                                              {"text": "How many paws are in my house?"}]}]}"""));
    }

    @Test
    void shouldSendDataUrlsInlineAndHttpUrlsAsFileData() {
        JsonNode gemini = translate("""
                {"messages": [{"role": "user", "content": [
                  {"type": "text", "text": "Compare"},
                  {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}},
                  {"type": "image_url", "image_url": {"url": "https://example.com/cat.webp?size=large"}},
                  {"type": "image_url", "image_url": {"url": "https://example.com/photo"}},
                  {"type": "input_audio", "input_audio": {"data": "UklGRg==", "format": "wav"}}]}]}""");

        assertThat(gemini.path("contents")).isEqualTo(Fixtures.tree("""
                [{"role": "user", "parts": [
                  {"text": "Compare"},
                  {"inlineData": {"mimeType": "image/png", "data": "iVBORw0KGgo="}},
                  {"fileData": {"mimeType": "image/webp", "fileUri": "https://example.com/cat.webp?size=large"}},
                  {"fileData": {"mimeType": "image/jpeg", "fileUri": "https://example.com/photo"}},
                  {"inlineData": {"mimeType": "audio/wav", "data": "UklGRg=="}}]}]"""));
    }

    @Test
    void shouldTranslateToolsChoiceCallsAndResults() {
        JsonNode gemini = translate("""
                {"messages": [
                  {"role": "user", "content": "Weather in Paris and London?"},
                  {"role": "assistant", "content": null, "tool_calls": [
                    {"id": "call_0", "type": "function", "function": {"name": "get_weather",
                     "arguments": "{\\"location\\":\\"Paris\\"}"},
                     "extra_content": {"google": {"thought_signature": "CsUBsig"}}},
                    {"id": "call_1", "type": "function", "function": {"name": "get_weather",
                     "arguments": "{\\"location\\":\\"London\\"}"}}]},
                  {"role": "tool", "tool_call_id": "call_0", "content": "{\\"temp_c\\": 18}"},
                  {"role": "tool", "tool_call_id": "call_1", "content": "rainy, 12 C"}],
                 "tools": [{"type": "function", "function": {"name": "get_weather", "description": "Weather now",
                   "strict": true, "parameters": {"$schema": "http://json-schema.org/draft-07/schema#",
                     "type": "object", "additionalProperties": false,
                     "properties": {"location": {"type": "string", "description": "City"},
                                    "unit": {"type": ["string", "null"], "enum": ["c", "f"]},
                                    "when": {"type": "string", "format": "uri"}},
                     "required": ["location"]}}},
                   {"type": "function", "function": {"name": "now", "parameters": {"type": "object",
                     "properties": {}}}}],
                 "tool_choice": {"type": "function", "function": {"name": "get_weather"}}}""");

        assertThat(gemini).isEqualTo(Fixtures.tree("""
                {"contents": [
                  {"role": "user", "parts": [{"text": "Weather in Paris and London?"}]},
                  {"role": "model", "parts": [
                    {"functionCall": {"name": "get_weather", "args": {"location": "Paris"}},
                     "thoughtSignature": "CsUBsig"},
                    {"functionCall": {"name": "get_weather", "args": {"location": "London"}}}]},
                  {"role": "user", "parts": [
                    {"functionResponse": {"name": "get_weather", "response": {"temp_c": 18}}},
                    {"functionResponse": {"name": "get_weather", "response": {"content": "rainy, 12 C"}}}]}],
                 "tools": [{"functionDeclarations": [
                   {"name": "get_weather", "description": "Weather now",
                    "parameters": {"type": "object",
                      "properties": {"location": {"type": "string", "description": "City"},
                                     "unit": {"type": "string", "nullable": true, "enum": ["c", "f"]},
                                     "when": {"type": "string"}},
                      "required": ["location"]}},
                   {"name": "now"}]}],
                 "toolConfig": {"functionCallingConfig": {"mode": "ANY",
                                                          "allowedFunctionNames": ["get_weather"]}}}"""));
    }

    @Test
    void shouldMarkAForeignFirstCallWithTheDocumentedSkipSignature() {
        JsonNode gemini = translate("""
                {"messages": [{"role": "user", "content": "Time?"},
                  {"role": "assistant", "tool_calls": [
                    {"id": "toolu_1", "type": "function", "function": {"name": "now", "arguments": ""}},
                    {"id": "toolu_2", "type": "function", "function": {"name": "zone", "arguments": "{}"}}]},
                  {"role": "tool", "tool_call_id": "toolu_2", "content": [{"type": "text", "text": "UTC"}]},
                  {"role": "tool", "tool_call_id": "toolu_1", "content": "12:00"}]}""");

        assertThat(gemini.path("contents").get(1)).isEqualTo(Fixtures.tree("""
                {"role": "model", "parts": [
                  {"functionCall": {"name": "now", "args": {}}, "thoughtSignature": "skip_thought_signature_validator"},
                  {"functionCall": {"name": "zone", "args": {}}}]}"""));
        assertThat(gemini.path("contents").get(2).path("parts")).isEqualTo(Fixtures.tree("""
                [{"functionResponse": {"name": "zone", "response": {"content": "UTC"}}},
                 {"functionResponse": {"name": "now", "response": {"content": "12:00"}}}]"""));
    }

    @Test
    void shouldMapToolChoiceModes() {
        for (String[] pair : new String[][] {{"\"auto\"", "AUTO"}, {"\"none\"", "NONE"}, {"\"required\"", "ANY"}}) {
            JsonNode gemini = translate("""
                    {"messages": [{"role": "user", "content": "hi"}],
                     "tools": [{"type": "function", "function": {"name": "f"}}], "tool_choice": %s}"""
                    .formatted(pair[0]));

            assertThat(gemini.path("toolConfig").path("functionCallingConfig").path("mode").asText())
                    .as(pair[0]).isEqualTo(pair[1]);
        }
    }

    @Test
    void shouldMapGenerationParameters() {
        JsonNode gemini = translate("""
                {"messages": [{"role": "user", "content": "hi"}], "temperature": 0.7, "top_p": 0.9,
                 "max_tokens": 100, "max_completion_tokens": 200, "stop": ["END", "STOP"], "n": 2, "seed": 42,
                 "presence_penalty": 0.5, "frequency_penalty": -0.5, "reasoning_effort": "medium",
                 "user": "u-1", "parallel_tool_calls": false, "stream": true,
                 "stream_options": {"include_usage": true}}""");

        assertThat(gemini.path("generationConfig")).isEqualTo(Fixtures.tree("""
                {"temperature": 0.7, "topP": 0.9, "presencePenalty": 0.5, "frequencyPenalty": -0.5,
                 "maxOutputTokens": 200, "stopSequences": ["END", "STOP"], "candidateCount": 2, "seed": 42,
                 "thinkingConfig": {"thinkingBudget": 8192}}"""));
    }

    @Test
    void shouldMapEveryReasoningEffortToABudgetAndUseTheDefaultMaxTokens() {
        String[][] efforts = {{"none", "0"}, {"minimal", "512"}, {"low", "1024"}, {"medium", "8192"},
                {"high", "24576"}};
        for (String[] pair : efforts) {
            JsonNode gemini = Fixtures.wire(OpenAiToGemini.request(Fixtures.object("""
                    {"messages": [{"role": "user", "content": "hi"}], "reasoning_effort": "%s"}"""
                    .formatted(pair[0])), 4096));

            assertThat(gemini.path("generationConfig")).as(pair[0]).isEqualTo(Fixtures.tree("""
                    {"maxOutputTokens": 4096, "thinkingConfig": {"thinkingBudget": %s}}""".formatted(pair[1])));
        }
    }

    @Test
    void shouldAskForJsonWithAndWithoutASchema() {
        JsonNode object = translate("""
                {"messages": [{"role": "user", "content": "hi"}], "response_format": {"type": "json_object"}}""");
        JsonNode schema = translate("""
                {"messages": [{"role": "user", "content": "List cookies"}],
                 "response_format": {"type": "json_schema", "json_schema": {"name": "recipes", "strict": true,
                   "schema": {"type": "array", "items": {"$ref": "#/$defs/recipe"},
                     "$defs": {"recipe": {"type": "object", "additionalProperties": false,
                       "properties": {"name": {"type": "string"}, "kind": {"const": "cookie"},
                                      "grams": {"type": "integer", "format": "int32", "minimum": 0}},
                       "required": ["name"]}}}}}}""");

        assertThat(object.path("generationConfig")).isEqualTo(Fixtures.tree("""
                {"responseMimeType": "application/json"}"""));
        assertThat(schema.path("generationConfig")).isEqualTo(Fixtures.tree("""
                {"responseMimeType": "application/json",
                 "responseSchema": {"type": "array", "items": {"type": "object",
                   "properties": {"name": {"type": "string"}, "kind": {"enum": ["cookie"]},
                                  "grams": {"type": "integer", "format": "int32", "minimum": 0}},
                   "required": ["name"]}}}"""));
    }

    @Test
    void shouldRefuseWhatGeminiCannotExpress() {
        assertInvalid("""
                {"messages": [{"role": "user", "content": "hi"}], "logprobs": true}""",
                "logprobs", "'logprobs' is not supported by the upstream provider");
        assertInvalid("""
                {"messages": [{"role": "user", "content": "hi"}], "logit_bias": {"50256": -100}}""",
                "logit_bias", "'logit_bias' is not supported by the upstream provider");
        assertInvalid("""
                {"messages": [{"role": "user", "content": "hi"}], "tools": [{"type": "custom", "custom": {}}]}""",
                "tools[0].type", "only function tools are supported, was 'custom'");
        assertInvalid("""
                {"messages": [{"role": "tool", "tool_call_id": "call_9", "content": "x"}]}""",
                "messages[0].tool_call_id",
                "'messages[0].tool_call_id' call_9 answers no tool call of an earlier assistant message");
        assertInvalid("""
                {"messages": [{"role": "user", "content": [{"type": "file", "file": {"file_id": "file-1"}}]}]}""",
                "messages[0].content[0].file.file_data",
                "only files given inline as 'file_data' data URLs are supported by the upstream provider");
        assertInvalid("""
                {"messages": [{"role": "user", "content": "hi"}], "response_format": {"type": "json_schema",
                 "json_schema": {"name": "t", "schema": {"$ref": "#/$defs/node",
                   "$defs": {"node": {"type": "object", "properties": {"next": {"$ref": "#/$defs/node"}}}}}}}}""",
                "response_format.json_schema.schema",
                "'response_format.json_schema.schema' is nested too deeply or has a recursive $ref");
        assertInvalid("""
                {"messages": [{"role": "system", "content": "only rules"}]}""",
                "messages", "'messages' must hold at least one user or assistant message");
    }
}
