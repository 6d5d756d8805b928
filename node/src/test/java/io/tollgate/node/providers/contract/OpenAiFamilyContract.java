package io.tollgate.node.providers.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.SseEvent;
import io.tollgate.config.ProviderType;
import io.tollgate.node.testing.FakeUpstream.Recorded;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.SseText;
import java.util.ArrayList;
import java.util.List;

/**
 * The contract for OpenAI's Chat Completions API and the compatible presets, whose fakes answer with OpenAI's
 * documented examples ({@code fixtures/openai/}); a preset overrides where its server differs (error body, where a
 * stream's usage travels, what its usage reports).
 */
abstract class OpenAiFamilyContract extends ProviderContract {

    /** The provider type. */
    protected abstract ProviderType type();

    /** The path of the base URL under the fake, for example {@code /v1}. */
    protected abstract String basePath();

    /** The provider key's secret. */
    protected abstract String secret();

    /** The GOLDEN answer's {@code usage} object. */
    protected abstract ObjectNode goldenUsage();

    @Override
    protected String providerFields(String upstreamUrl) {
        return "type: %s, base_url: \"%s%s\", keys: [ { name: k1, value: %s } ]"
                .formatted(type().configName(), upstreamUrl, basePath(), secret());
    }

    @Override
    protected String path(boolean stream) {
        return basePath() + "/chat/completions";
    }

    @Override
    protected Reply reply(Answer answer, boolean stream) {
        return switch (answer) {
            case TEXT -> stream ? Upstreams.sse("openai/stream_text.sse")
                    : Upstreams.json(200, "openai/chat_completion_text.json");
            case TOOL_CALL -> Upstreams.json(200, "openai/chat_completion_tool_calls.json");
            case GOLDEN -> {
                if (!stream) {
                    ObjectNode completion = (ObjectNode) SseText.parse(
                            Upstreams.fixture("openai/chat_completion_text.json"));
                    completion.set("usage", goldenUsage());
                    yield Reply.json(200, completion.toString());
                }
                List<ObjectNode> chunks = new ArrayList<>();
                for (SseEvent event : Upstreams.events(Upstreams.fixture("openai/stream_text.sse"))) {
                    if (!event.data().equals("[DONE]")) {
                        chunks.add((ObjectNode) SseText.parse(event.data()));
                    }
                }
                placeStreamUsage(chunks, goldenUsage());
                List<String> events = new ArrayList<>(chunks.stream().map(c -> "data: " + c + "\n\n").toList());
                events.add("data: [DONE]\n\n");
                yield Reply.sse(events);
            }
        };
    }

    /**
     * Puts a stream's usage where the provider does. OpenAI: in the last chunk, without choices, sent when the
     * request asks with {@code stream_options.include_usage} (the fixture's last chunk is that one).
     */
    protected void placeStreamUsage(List<ObjectNode> chunks, ObjectNode usage) {
        chunks.getLast().set("usage", usage);
    }

    @Override
    protected Reply error(int status) {
        // OpenAI's error object (API reference, "Error codes"); the 429 is fixtures/openai/error_rate_limit.json
        return status == 429 ? Upstreams.json(429, "openai/error_rate_limit.json") : Reply.json(400, """
                {"error":{"message":"Invalid value for 'temperature': must be between 0 and 2.",
                  "type":"invalid_request_error","param":"temperature","code":"invalid_value"}}""");
    }

    @Override
    protected String errorText(int status) {
        return status == 429 ? "Rate limit reached for gpt-4o" : "Invalid value for 'temperature'";
    }

    @Override
    protected String text(boolean stream) {
        return stream ? "Hello! How can I help you today?" : "Hello! How can I assist you today?";
    }

    @Override
    protected ToolCall toolCall() {
        return new ToolCall("get_current_weather", "{\"location\": \"Boston, MA\"}");
    }

    @Override
    protected void assertChatRequest(Recorded sent, JsonNode body) {
        assertThat(sent.headers().get("authorization")).isEqualTo("Bearer " + secret());
        assertThat(body.path("model").asText()).isEqualTo(model());
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("user");
        assertThat(body.at("/messages/0/content").asText()).isEqualTo("Hi");
    }

    @Override
    protected void assertStreamRequest(Recorded sent, JsonNode body) {
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.at("/stream_options/include_usage").asBoolean())
                .as("usage asked for where the server takes stream_options").isEqualTo(type().streamOptions());
        assertThat(body.has("stream_options")).isEqualTo(type().streamOptions());
    }

    @Override
    protected void assertToolDeclaration(JsonNode body) {
        assertThat(body.at("/tools/0/type").asText()).isEqualTo("function");
        assertThat(body.at("/tools/0/function/name").asText()).isEqualTo("get_weather");
        assertThat(body.at("/tools/0/function/parameters/properties/city/type").asText()).isEqualTo("string");
    }

    @Override
    protected void assertImage(JsonNode body) {
        assertThat(body.at("/messages/0/content/1/type").asText()).isEqualTo("image_url");
        assertThat(body.at("/messages/0/content/1/image_url/url").asText())
                .isEqualTo("data:image/png;base64," + PNG_BASE64);
    }

    /** OpenAI's {@code usage} with cached and reasoning tokens. */
    static ObjectNode openAiUsage(long prompt, long cached, long completion, long reasoning) {
        ObjectNode usage = (ObjectNode) SseText.parse("{}");
        usage.put("prompt_tokens", prompt).put("completion_tokens", completion).put("total_tokens", prompt + completion);
        usage.putObject("prompt_tokens_details").put("cached_tokens", cached).put("audio_tokens", 0);
        usage.putObject("completion_tokens_details").put("reasoning_tokens", reasoning).put("audio_tokens", 0)
                .put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
        return usage;
    }
}
