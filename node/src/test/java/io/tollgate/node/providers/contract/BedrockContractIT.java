package io.tollgate.node.providers.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.SseEvent;
import io.tollgate.node.testing.FakeUpstream.Recorded;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.SseText;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * AWS Bedrock's Converse API signed with SigV4, answering with {@code fixtures/bedrock/} (streams as Bedrock's binary
 * event stream). Usage as {@code converse_response_tool_use.json} has it: {@code inputTokens} is the uncached input,
 * {@code cacheReadInputTokens} the cache reads, {@code cacheWriteInputTokens} the writes split by {@code cacheDetails}
 * TTL ({@code 5m} / {@code 1h}); reasoning is inside {@code outputTokens}. A stream reports it in {@code metadata}.
 */
class BedrockContractIT extends ProviderContract {

    private static final String USAGE = SseText.parse(Upstreams.fixture("bedrock/converse_response_tool_use.json"))
            .path("usage").toString();

    @Override
    protected String providerFields(String upstreamUrl) {
        return "type: bedrock, region: us-east-1, base_url: \"%s/bedrock\", keys: [ { name: k1, "
                .formatted(upstreamUrl) + "access_key_id: AKIDEXAMPLE, value: \"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\" } ]";
    }

    @Override
    protected String model() {
        return "anthropic.claude-sonnet-4-5-20250929-v1:0";
    }

    @Override
    protected String path(boolean stream) {
        return "/bedrock/model/" + model() + (stream ? "/converse-stream" : "/converse");
    }

    @Override
    protected Reply reply(Answer answer, boolean stream) {
        return switch (answer) {
            case TEXT -> stream ? Upstreams.eventStream(Upstreams.events(Upstreams.fixture("bedrock/stream_text.sse")))
                    : Upstreams.json(200, "bedrock/converse_response_text.json");
            case TOOL_CALL -> Upstreams.json(200, "bedrock/converse_response_tool_use.json");
            case GOLDEN -> stream ? goldenStream() : goldenResponse();
        };
    }

    /** {@code converse_response_text.json} (with its reasoning block) and the cache usage of the tool-use example. */
    private static Reply goldenResponse() {
        ObjectNode response = (ObjectNode) SseText.parse(Upstreams.fixture("bedrock/converse_response_text.json"));
        response.set("usage", SseText.parse(USAGE));
        return Reply.json(200, response.toString());
    }

    /** {@code stream_tool_use.sse} (reasoning, text, a tool) whose {@code metadata} carries the cache usage. */
    private static Reply goldenStream() {
        List<SseEvent> events = Upstreams.events(Upstreams.fixture("bedrock/stream_tool_use.sse")).stream()
                .map(event -> {
                    if (!event.event().equals("metadata")) {
                        return event;
                    }
                    ObjectNode data = (ObjectNode) SseText.parse(event.data());
                    data.set("usage", SseText.parse(USAGE));
                    return SseEvent.named("metadata", data.toString());
                }).toList();
        return Upstreams.eventStream(events);
    }

    @Override
    protected Golden.Tokens golden(boolean stream) {
        // inputTokens 5, cacheReadInputTokens 1000, cacheWriteInputTokens 2000 = cacheDetails 5m 500 + 1h 1500,
        // outputTokens 40
        return new Golden.Tokens(5, 1000, 500, 1500, 40, 0);
    }

    @Override
    protected Reply error(int status) {
        // Bedrock's error: {"message"} with the type in x-amzn-ErrorType (API reference, Converse "Errors")
        return status == 429
                ? Reply.json(429, "{\"message\":\"Too many requests, please wait before trying again.\"}",
                        Map.of("x-amzn-errortype", "ThrottlingException:http://internal.amazon.com/coral/"))
                : Reply.json(400, "{\"message\":\"The provided model identifier is invalid.\"}",
                        Map.of("x-amzn-errortype", "ValidationException:http://internal.amazon.com/coral/"));
    }

    @Override
    protected String errorText(int status) {
        return status == 429 ? "Too many requests" : "The provided model identifier is invalid.";
    }

    @Override
    protected String text(boolean stream) {
        return stream ? "Hello world" : "Hello! How can I help?";
    }

    @Override
    protected ToolCall toolCall() {
        return new ToolCall("get_weather", "{\"city\":\"Paris\",\"unit\":\"celsius\"}");
    }

    @Override
    protected void assertChatRequest(Recorded sent, JsonNode body) {
        assertThat(sent.headers().get("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                .contains("/us-east-1/bedrock/aws4_request", "SignedHeaders=", "Signature=");
        assertThat(sent.headers().get("x-amz-date")).matches("\\d{8}T\\d{6}Z");
        assertThat(sent.headers().get("x-amz-content-sha256")).isEqualTo(sha256(sent.body()));
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("user");
        assertThat(body.at("/messages/0/content/0/text").asText()).isEqualTo("Hi");
    }

    @Override
    protected void assertStreamRequest(Recorded sent, JsonNode body) {
        assertThat(sent.headers().get("accept")).isEqualTo("application/vnd.amazon.eventstream");
    }

    @Override
    protected void assertToolDeclaration(JsonNode body) {
        JsonNode spec = body.at("/toolConfig/tools/0/toolSpec");
        assertThat(spec.path("name").asText()).as(body.toString()).isEqualTo("get_weather");
        assertThat(spec.at("/inputSchema/json/properties/city/type").asText()).isEqualTo("string");
    }

    @Override
    protected void assertImage(JsonNode body) {
        assertThat(body.at("/messages/0/content/1")).isEqualTo(SseText.parse("""
                {"image":{"format":"png","source":{"bytes":"%s"}}}""".formatted(PNG_BASE64)));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
