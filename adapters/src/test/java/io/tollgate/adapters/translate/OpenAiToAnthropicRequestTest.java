package io.tollgate.adapters.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import org.junit.jupiter.api.Test;

class OpenAiToAnthropicRequestTest {

    private static final String CLAUDE = "claude-sonnet-4-5-20250929";

    private static ObjectNode translate(String openAiJson) {
        return OpenAiToAnthropic.request(Fixtures.object(openAiJson), CLAUDE, 4096);
    }

    private static void assertInvalid(String openAiJson, String param) {
        assertThatThrownBy(() -> translate(openAiJson))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
                    assertThat(e.param()).contains(param);
                });
    }

    @Test
    void shouldTranslateTheToolConversationFixtureExactly() {
        ObjectNode request = Fixtures.json("openai/chat_request_tools.json");
        ObjectNode before = request.deepCopy();

        ObjectNode anthropic = OpenAiToAnthropic.request(request, CLAUDE, 4096);

        assertThat(Fixtures.wire(anthropic)).isEqualTo(Fixtures.json("translate/openai_to_anthropic_request.json"));
        assertThat(request).as("the client's tree is left alone").isEqualTo(before);
    }

    @Test
    void shouldLiftSystemAndDeveloperMessagesIntoSystemBlocks() {
        ObjectNode anthropic = translate("""
                {"model": "gpt-4o", "messages": [
                  {"role": "system", "content": "Be brief."},
                  {"role": "developer", "content": [{"type": "text", "text": "Use metric units.",
                                                     "cache_control": {"type": "ephemeral"}}]},
                  {"role": "user", "content": "Hi"},
                  {"role": "system", "content": "Never mention the weather."}]}""");

        assertThat(Fixtures.wire(anthropic.path("system"))).isEqualTo(Fixtures.tree("""
                [{"type": "text", "text": "Be brief."},
                 {"type": "text", "text": "Use metric units.", "cache_control": {"type": "ephemeral"}},
                 {"type": "text", "text": "Never mention the weather."}]"""));
        assertThat(Fixtures.wire(anthropic.path("messages")))
                .isEqualTo(Fixtures.tree("[{\"role\": \"user\", \"content\": \"Hi\"}]"));
    }

    @Test
    void shouldMergeConsecutiveTurnsOfOneRoleAndConvertImages() {
        ObjectNode anthropic = translate("""
                {"model": "gpt-4o", "messages": [
                  {"role": "user", "content": "Look at these."},
                  {"role": "user", "content": [
                    {"type": "image_url", "image_url": {"url": "data:image/jpeg;base64,/9j/4AAQSkZJRg==", "detail": "low"}},
                    {"type": "image_url", "image_url": {"url": "https://upload.wikimedia.org/cat.png"}},
                    {"type": "text", "text": "Which is older?"}]},
                  {"role": "assistant", "content": [{"type": "text", "text": "The first."}]},
                  {"role": "assistant", "content": "Definitely."}]}""");

        assertThat(Fixtures.wire(anthropic.path("messages"))).isEqualTo(Fixtures.tree("""
                [{"role": "user", "content": [
                   {"type": "text", "text": "Look at these."},
                   {"type": "image", "source": {"type": "base64", "media_type": "image/jpeg", "data": "/9j/4AAQSkZJRg=="}},
                   {"type": "image", "source": {"type": "url", "url": "https://upload.wikimedia.org/cat.png"}},
                   {"type": "text", "text": "Which is older?"}]},
                 {"role": "assistant", "content": [
                   {"type": "text", "text": "The first."},
                   {"type": "text", "text": "Definitely."}]}]"""));
    }

    @Test
    void shouldUseTheDefaultMaxTokensAndPreferMaxCompletionTokens() {
        String base = "{\"model\": \"gpt-4o\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]";

        assertThat(translate(base + "}").path("max_tokens").asLong()).isEqualTo(4096);
        assertThat(translate(base + ", \"max_tokens\": 100}").path("max_tokens").asLong()).isEqualTo(100);
        assertThat(translate(base + ", \"max_tokens\": 100, \"max_completion_tokens\": 300}").path("max_tokens")
                .asLong()).isEqualTo(300);
    }

    @Test
    void shouldMapToolChoiceVariants() {
        String base = """
                {"model": "gpt-4o", "messages": [{"role": "user", "content": "Hi"}],
                 "tools": [{"type": "function", "function": {"name": "lookup"}}], """;

        assertThat(Fixtures.wire(translate(base + "\"tool_choice\": \"none\", \"parallel_tool_calls\": false}")
                .path("tool_choice")))
                .isEqualTo(Fixtures.tree("{\"type\": \"none\"}"));
        assertThat(Fixtures.wire(translate(base + "\"tool_choice\": \"required\"}").path("tool_choice")))
                .isEqualTo(Fixtures.tree("{\"type\": \"any\"}"));
        assertThat(Fixtures.wire(translate(base
                + "\"tool_choice\": {\"type\": \"function\", \"function\": {\"name\": \"lookup\"}}}")
                .path("tool_choice"))).isEqualTo(Fixtures.tree("{\"type\": \"tool\", \"name\": \"lookup\"}"));
        assertThat(Fixtures.wire(translate(base + "\"parallel_tool_calls\": false}").path("tool_choice")))
                .isEqualTo(Fixtures.tree("{\"type\": \"auto\", \"disable_parallel_tool_use\": true}"));
        assertThat(translate(base + "\"parallel_tool_calls\": true}").has("tool_choice")).isFalse();
        assertThat(Fixtures.wire(translate(base + "\"tool_choice\": \"auto\"}").path("tools"))).isEqualTo(Fixtures.tree("""
                [{"name": "lookup", "input_schema": {"type": "object", "properties": {}}}]"""));
    }

    @Test
    void shouldAskForJsonInTheSystemPromptForResponseFormat() {
        ObjectNode anthropic = translate("""
                {"model": "gpt-4o", "messages": [{"role": "system", "content": "Extract the city."},
                                                 {"role": "user", "content": "I live in Lyon."}],
                 "response_format": {"type": "json_schema", "json_schema": {"name": "city", "strict": true,
                   "schema": {"type": "object", "properties": {"city": {"type": "string"}}}}}}""");

        assertThat(anthropic.path("system").size()).isEqualTo(2);
        assertThat(anthropic.path("system").get(0).path("text").asText()).isEqualTo("Extract the city.");
        assertThat(anthropic.path("system").get(1).path("text").asText()).isEqualTo(ResponseFormats.JSON_SCHEMA
                + "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}");
        assertThat(translate("""
                {"model": "gpt-4o", "messages": [{"role": "user", "content": "Hi"}],
                 "response_format": {"type": "json_object"}}""").path("system").asText())
                .isEqualTo(ResponseFormats.JSON_OBJECT);
    }

    @Test
    void shouldClampTemperatureAndDropTheNoOpTopP() {
        String base = "{\"model\": \"gpt-4o\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}], ";

        ObjectNode withBoth = translate(base + "\"temperature\": 0.2, \"top_p\": 1}");
        assertThat(withBoth.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(withBoth.has("top_p")).isFalse();
        assertThat(translate(base + "\"temperature\": 2}").path("temperature").asDouble()).isEqualTo(1.0);
        assertThat(Fixtures.wire(translate(base + "\"top_p\": 0.9, \"stop\": [\"END\", \"STOP\"]}")))
                .isEqualTo(Fixtures.tree("""
                {"model": "%s", "max_tokens": 4096, "messages": [{"role": "user", "content": "Hi"}],
                 "stop_sequences": ["END", "STOP"], "top_p": 0.9}""".formatted(CLAUDE)));
    }

    @Test
    void shouldMapReasoningEffortToAThinkingBudgetBelowMaxTokens() {
        String base = "{\"model\": \"o3\", \"messages\": [{\"role\": \"user\", \"content\": \"Prove it.\"}], ";

        ObjectNode medium = translate(base + "\"reasoning_effort\": \"medium\", \"max_completion_tokens\": 10000, "
                + "\"temperature\": 0.3}");
        assertThat(Fixtures.wire(medium.path("thinking")))
                .isEqualTo(Fixtures.tree("{\"type\": \"enabled\", \"budget_tokens\": 4096}"));
        assertThat(medium.has("temperature")).as("Anthropic refuses temperature with thinking").isFalse();
        assertThat(translate(base + "\"reasoning_effort\": \"high\", \"max_tokens\": 2000}").path("thinking")
                .path("budget_tokens").asLong()).isEqualTo(1999);
        assertThat(translate(base + "\"reasoning_effort\": \"low\", \"max_tokens\": 1000}").has("thinking")).isFalse();
        assertThat(translate(base + "\"reasoning_effort\": \"minimal\"}").has("thinking")).isFalse();
    }

    @Test
    void shouldRequireModelAndMessages() {
        assertInvalid("{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}", "model");
        assertInvalid("{\"model\": \"gpt-4o\"}", "messages");
        assertInvalid("{\"model\": \"gpt-4o\", \"messages\": \"Hi\"}", "messages");
        assertInvalid("{\"model\": 4, \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}", "model");
    }

    @Test
    void shouldNameTheFaultyParameter() {
        assertInvalid("""
                {"model": "gpt-4o", "n": 2, "messages": [{"role": "user", "content": "Hi"}]}""", "n");
        assertInvalid("""
                {"model": "gpt-4o", "messages": [{"role": "wizard", "content": "Hi"}]}""", "messages[0].role");
        assertInvalid("""
                {"model": "gpt-4o", "messages": [{"role": "user", "content": "Hi"},
                  {"role": "assistant", "tool_calls": [{"id": "call_1", "type": "function",
                    "function": {"name": "f", "arguments": "{not json"}}]}]}""",
                "messages[1].tool_calls[0].function.arguments");
        assertInvalid("""
                {"model": "gpt-4o", "messages": [{"role": "user", "content": [
                  {"type": "text", "text": "see"},
                  {"type": "image_url", "image_url": {"url": "ftp://example.com/cat.png"}}]}]}""",
                "messages[0].content[1].image_url.url");
        assertInvalid("""
                {"model": "gpt-4o", "messages": [{"role": "user", "content": [
                  {"type": "input_audio", "input_audio": {"data": "AAA", "format": "wav"}}]}]}""",
                "messages[0].content[0].type");
        assertInvalid("""
                {"model": "gpt-4o", "max_tokens": 0, "messages": [{"role": "user", "content": "Hi"}]}""",
                "max_tokens");
        assertInvalid("""
                {"model": "gpt-4o", "temperature": "hot", "messages": [{"role": "user", "content": "Hi"}]}""",
                "temperature");
        assertInvalid("""
                {"model": "gpt-4o", "messages": [{"role": "user", "content": "Hi"}],
                 "tools": [{"type": "web_search"}]}""", "tools[0].type");
    }
}
