package io.tollgate.node.providers.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.SseEvent;
import io.tollgate.node.testing.FakeUpstream.Recorded;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.SseText;
import java.util.ArrayList;
import java.util.List;

/**
 * Google AI Studio's Gemini API ({@code generateContent}, {@code streamGenerateContent?alt=sse}), answering with
 * {@code fixtures/gemini/}. Usage as {@code response_thinking_cached.json} has it: {@code promptTokenCount} includes
 * {@code cachedContentTokenCount}; {@code toolUsePromptTokenCount} is input beside it; {@code candidatesTokenCount}
 * excludes {@code thoughtsTokenCount} (billed as reasoning); Gemini has no cache-write charge in the call.
 */
class GeminiContractIT extends ProviderContract {

    private static final String SECRET = "gemini-contract-key-000001";

    @Override
    protected String providerFields(String upstreamUrl) {
        return "type: gemini, base_url: \"%s/gemini\", keys: [ { name: k1, value: %s } ]"
                .formatted(upstreamUrl, SECRET);
    }

    @Override
    protected String model() {
        return "gemini-2.5-pro";
    }

    @Override
    protected String path(boolean stream) {
        return "/gemini/v1beta/models/" + model() + (stream ? ":streamGenerateContent" : ":generateContent");
    }

    @Override
    protected Reply reply(Answer answer, boolean stream) {
        return switch (answer) {
            case TEXT -> stream ? Upstreams.sse("gemini/stream_text.sse")
                    : Upstreams.json(200, "gemini/response_text.json");
            case TOOL_CALL -> Upstreams.json(200, "gemini/response_function_call.json");
            case GOLDEN -> stream ? goldenStream() : Upstreams.json(200, "gemini/response_thinking_cached.json");
        };
    }

    /** {@code stream_text.sse} whose last event reports the usage of {@code response_thinking_cached.json}. */
    private static Reply goldenStream() {
        JsonNode usage = SseText.parse(Upstreams.fixture("gemini/response_thinking_cached.json")).path("usageMetadata");
        List<SseEvent> events = new ArrayList<>(Upstreams.events(Upstreams.fixture("gemini/stream_text.sse")));
        ObjectNode last = (ObjectNode) SseText.parse(events.removeLast().data());
        last.set("usageMetadata", usage);
        events.add(SseEvent.data(last.toString()));
        return Reply.sse(events.stream().map(SseEvent::toWire).toList());
    }

    @Override
    protected Golden.Tokens golden(boolean stream) {
        // promptTokenCount 2100 of which cachedContentTokenCount 2048, toolUsePromptTokenCount 20,
        // candidatesTokenCount 10, thoughtsTokenCount 352
        return new Golden.Tokens(2100 - 2048 + 20, 2048, 0, 0, 10, 352);
    }

    @Override
    protected Reply error(int status) {
        return status == 429 ? Upstreams.json(429, "gemini/error_resource_exhausted.json")
                : Upstreams.json(400, "gemini/error_invalid_argument.json");
    }

    @Override
    protected String errorText(int status) {
        return status == 429 ? "You exceeded your current quota" : "Invalid JSON payload received";
    }

    @Override
    protected String text(boolean stream) {
        return stream ? "Hello! How can I help you today?"
                : "AI learns patterns from data to make predictions or decisions.";
    }

    @Override
    protected ToolCall toolCall() {
        return new ToolCall("schedule_meeting", """
                {"attendees":["Bob","Alice"],"date":"2025-03-27","time":"10:00","topic":"Q3 planning"}""");
    }

    @Override
    protected void assertChatRequest(Recorded sent, JsonNode body) {
        assertThat(sent.headers().get("x-goog-api-key")).isEqualTo(SECRET);
        assertThat(sent.query()).as("the key never travels in the URL").isEmpty();
        assertThat(body.at("/contents/0/role").asText()).isEqualTo("user");
        assertThat(body.at("/contents/0/parts/0/text").asText()).isEqualTo("Hi");
    }

    @Override
    protected void assertStreamRequest(Recorded sent, JsonNode body) {
        assertThat(sent.query()).isEqualTo("alt=sse");
    }

    @Override
    protected void assertToolDeclaration(JsonNode body) {
        JsonNode declaration = body.at("/tools/0/functionDeclarations/0");
        assertThat(declaration.path("name").asText()).as(body.toString()).isEqualTo("get_weather");
        assertThat(declaration.at("/parameters/properties/city/type").asText()).isEqualToIgnoringCase("string");
    }

    @Override
    protected void assertImage(JsonNode body) {
        assertThat(body.at("/contents/0/parts/1")).isEqualTo(SseText.parse("""
                {"inlineData":{"mimeType":"image/png","data":"%s"}}""".formatted(PNG_BASE64)));
    }
}
