package io.tollgate.node.providers.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.SseEvent;
import io.tollgate.node.testing.FakeUpstream.Recorded;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.SseText;
import java.util.List;

/**
 * Anthropic's Messages API, answering with {@code fixtures/anthropic/}. Usage as {@code usage_cache.json} has it:
 * {@code input_tokens} is the uncached input, {@code cache_read_input_tokens} the cache reads,
 * {@code cache_creation_input_tokens} the writes, split by {@code cache_creation.ephemeral_5m/1h_input_tokens};
 * thinking is inside {@code output_tokens} (billed as output, no reasoning bucket). A stream reports the input side
 * in {@code message_start} and the cumulative {@code output_tokens} in {@code message_delta}.
 */
class AnthropicContractIT extends ProviderContract {

    private static final String SECRET = "sk-ant-contract-0000000001";
    private static final String USAGE = """
            {"input_tokens":21,"cache_creation_input_tokens":188086,"cache_read_input_tokens":3001,
             "cache_creation":{"ephemeral_5m_input_tokens":456,"ephemeral_1h_input_tokens":187630},
             "output_tokens":%d,"service_tier":"standard"}""";

    @Override
    protected String providerFields(String upstreamUrl) {
        return "type: anthropic, base_url: \"%s/anthropic\", keys: [ { name: k1, value: %s } ]"
                .formatted(upstreamUrl, SECRET);
    }

    @Override
    protected String model() {
        return "claude-sonnet-4-5";
    }

    @Override
    protected String path(boolean stream) {
        return "/anthropic/v1/messages";
    }

    @Override
    protected Reply reply(Answer answer, boolean stream) {
        return switch (answer) {
            case TEXT -> stream ? Upstreams.sse("anthropic/stream_text.sse")
                    : Upstreams.json(200, "anthropic/message_text.json");
            case TOOL_CALL -> Upstreams.json(200, "anthropic/message_tool_use.json");
            case GOLDEN -> stream ? goldenStream() : goldenMessage();
        };
    }

    /** {@code message_text.json} with a thinking block before its text, and cache reads and writes. */
    private static Reply goldenMessage() {
        ObjectNode message = (ObjectNode) SseText.parse(Upstreams.fixture("anthropic/message_text.json"));
        message.withArray("content").insertObject(0).put("type", "thinking").put("thinking", "Greet back.")
                .put("signature", "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds");
        message.set("usage", SseText.parse(USAGE.formatted(393)));
        return Reply.json(200, message.toString());
    }

    /** {@code stream_thinking.sse} with the cache counts in {@code message_start}. */
    private static Reply goldenStream() {
        List<String> events = Upstreams.events(Upstreams.fixture("anthropic/stream_thinking.sse")).stream()
                .map(event -> {
                    if (!event.event().equals("message_start") && !event.event().equals("message_delta")) {
                        return event;
                    }
                    ObjectNode data = (ObjectNode) SseText.parse(event.data());
                    if (event.event().equals("message_start")) {
                        ((ObjectNode) data.path("message")).set("usage", SseText.parse(USAGE.formatted(4)));
                    } else {
                        ((ObjectNode) data.path("usage")).put("output_tokens", 393);
                    }
                    return SseEvent.named(event.event(), data.toString());
                }).map(SseEvent::toWire).toList();
        return Reply.sse(events);
    }

    @Override
    protected Golden.Tokens golden(boolean stream) {
        return new Golden.Tokens(21, 3001, 456, 187630, 393, 0);
    }

    @Override
    protected Reply error(int status) {
        // Anthropic's error shape (API reference, "Errors"); the request_id as fixtures/anthropic/error_overloaded.json
        return status == 429 ? Reply.json(429, """
                {"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed the rate limit \
                for your organization of 50 requests per minute."},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fz"}""")
                : Reply.json(400, """
                {"type":"error","error":{"type":"invalid_request_error","message":"messages.0.content: Input should \
                be a valid list"},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}""");
    }

    @Override
    protected String errorText(int status) {
        return status == 429 ? "exceed the rate limit" : "messages.0.content";
    }

    @Override
    protected String text(boolean stream) {
        return stream ? "Hello!" : "Hi! My name is Claude.";
    }

    @Override
    protected ToolCall toolCall() {
        return new ToolCall("get_weather", "{\"location\": \"San Francisco, CA\", \"unit\": \"celsius\"}");
    }

    @Override
    protected void assertChatRequest(Recorded sent, JsonNode body) {
        assertThat(sent.headers().get("x-api-key")).isEqualTo(SECRET);
        assertThat(sent.headers().get("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(body.path("model").asText()).isEqualTo(model());
        assertThat(body.path("max_tokens").asLong()).as("Anthropic requires max_tokens").isPositive();
        JsonNode content = body.at("/messages/0/content");
        assertThat(content.isTextual() ? content.asText() : content.at("/0/text").asText()).isEqualTo("Hi");
    }

    @Override
    protected void assertStreamRequest(Recorded sent, JsonNode body) {
        assertThat(body.path("stream").asBoolean()).isTrue();
    }

    @Override
    protected void assertToolDeclaration(JsonNode body) {
        assertThat(body.at("/tools/0/name").asText()).isEqualTo("get_weather");
        assertThat(body.at("/tools/0/input_schema/properties/city/type").asText()).isEqualTo("string");
    }

    @Override
    protected void assertImage(JsonNode body) {
        assertThat(body.at("/messages/0/content/1")).isEqualTo(SseText.parse("""
                {"type":"image","source":{"type":"base64","media_type":"image/png","data":"%s"}}"""
                .formatted(PNG_BASE64)));
    }
}
