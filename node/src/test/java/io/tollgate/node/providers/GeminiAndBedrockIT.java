package io.tollgate.node.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.adapters.SseEvent;
import io.tollgate.adapters.bedrock.EventStreams;
import io.tollgate.node.testing.FakeUpstream;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.NodeClient;
import io.tollgate.node.testing.NodeHarness;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Gemini (AI Studio) and Bedrock (Converse) upstreams through a node, against fakes that answer in the providers'
 * documented formats: OpenAI and Anthropic clients, whole and streamed answers, Bedrock's binary event stream, SigV4
 * signatures and bearer API keys, and each request's cost equal to its usage — cached, cache-write and thinking
 * tokens included — at the configured prices.
 */
class GeminiAndBedrockIT {

    private static final String KEY = "tg-cloud-providers-key-000001";
    private static final String GEMINI_TEXT = """
            {"candidates":[{"content":{"parts":[{"text":"Hello from Gemini"}],"role":"model"},"finishReason":"STOP",
              "index":0}],
             "usageMetadata":{"promptTokenCount":1200,"cachedContentTokenCount":1000,"candidatesTokenCount":50,
              "thoughtsTokenCount":30,"totalTokenCount":1280},"modelVersion":"gemini-2.5-flash"}""";
    private static final String CONVERSE_TEXT = """
            {"output":{"message":{"role":"assistant","content":[{"text":"Hello from Bedrock"}]}},"stopReason":"end_turn",
             "usage":{"inputTokens":100,"outputTokens":20,"totalTokens":1620,"cacheReadInputTokens":1000,
              "cacheWriteInputTokens":500},"metrics":{"latencyMs":12}}""";
    private static FakeUpstream upstream;
    private static NodeHarness node;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
        upstream.on("/gemini/v1beta/models/gemini-2.5-flash:generateContent", Reply.json(200, GEMINI_TEXT));
        upstream.on("/gemini/v1beta/models/gemini-2.5-flash:streamGenerateContent", Reply.sse(List.of(
                "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hel\"}],\"role\":\"model\"},\"index\":0}],"
                        + "\"modelVersion\":\"gemini-2.5-flash\"}\r\n\r\n",
                "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"lo\"}],\"role\":\"model\"},"
                        + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":1200,"
                        + "\"cachedContentTokenCount\":1000,\"candidatesTokenCount\":50,\"thoughtsTokenCount\":30,"
                        + "\"totalTokenCount\":1280},\"modelVersion\":\"gemini-2.5-flash\"}\r\n\r\n")));
        upstream.on("/bedrock/model/anthropic.claude-sonnet-4/converse", Reply.json(200, CONVERSE_TEXT));
        upstream.on("/bedrock/model/anthropic.claude-sonnet-4/converse-stream", exchange -> {
            ByteArrayOutputStream frames = new ByteArrayOutputStream();
            for (SseEvent event : List.of(
                    SseEvent.named("messageStart", "{\"role\":\"assistant\"}"),
                    SseEvent.named("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hello\"}}"),
                    SseEvent.named("contentBlockStop", "{\"contentBlockIndex\":0}"),
                    SseEvent.named("messageStop", "{\"stopReason\":\"end_turn\"}"),
                    SseEvent.named("metadata", "{\"usage\":{\"inputTokens\":100,\"outputTokens\":20,"
                            + "\"totalTokens\":1620,\"cacheReadInputTokens\":1000,\"cacheWriteInputTokens\":500},"
                            + "\"metrics\":{\"latencyMs\":12}}"))) {
                frames.writeBytes(EventStreams.encode(event));
            }
            exchange.getResponseHeaders().set("content-type", EventStreams.CONTENT_TYPE);
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] bytes = frames.toByteArray();
                out.write(bytes, 0, 7);   // a frame split across reads
                out.flush();
                out.write(bytes, 7, bytes.length - 7);
            }
        });
        upstream.on("/bedrockapi/model/amazon.nova-micro-v1:0/converse", Reply.json(400,
                "{\"message\":\"The provided model identifier is invalid.\"}",
                java.util.Map.of("x-amzn-errortype", "ValidationException:http://internal.amazon.com/coral/")));
        node = NodeHarness.start("""
                server: { port: 0 }
                providers:
                  gemini: { type: gemini, base_url: "%1$s/gemini", keys: [ { name: g1, value: gemini-key-000001 } ] }
                  bedrock:
                    type: bedrock
                    region: us-east-1
                    base_url: "%1$s/bedrock"
                    keys: [ { name: b1, access_key_id: AKIDEXAMPLE, value: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" } ]
                  bedrockapi: { type: bedrock, region: us-west-2, base_url: "%1$s/bedrockapi",
                                keys: [ { name: b2, value: bedrock-api-key-000001 } ], retries: { max: 0 } }
                pricing:
                  gemini/gemini-2.5-flash: { input: 0.30, cached_input: 0.075, output: 2.50, reasoning: 2.50 }
                  bedrock/anthropic.claude-sonnet-4: { input: 3, output: 15, cached_input: 0.30, cache_write: 3.75 }
                  bedrockapi/amazon.nova-micro-v1:0: { input: 0.035, output: 0.14 }
                governance:
                  virtual_keys: [ { name: app, value: %2$s } ]
                logging: { enabled: true }
                """.formatted(upstream.url(), KEY));
    }

    @AfterAll
    static void stop() {
        node.close();
        upstream.close();
    }

    @Test
    void shouldAnswerAnOpenAiClientFromGeminiAndPriceCachedAndThinkingTokens() {
        HttpResponse<String> response = chat("gemini/gemini-2.5-flash", false);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = NodeClient.parse(response.body());
        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Hello from Gemini");
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        var sent = upstream.last();
        assertThat(sent.headers().get("x-goog-api-key")).isEqualTo("gemini-key-000001");
        assertThat(sent.query()).isEmpty();
        assertThat(NodeClient.parse(sent.body()).at("/contents/0/parts/0/text").asText()).isEqualTo("Hi");
        // 200 × 0.30 + 1,000 × 0.075 + 50 × 2.50 + 30 × 2.50 per million
        assertThat(node.loggedCost(response.headers())).isEqualByComparingTo("0.000335");
    }

    @Test
    void shouldStreamFromGeminiToAnOpenAiClient() throws IOException {
        HttpResponse<InputStream> response = stream("/v1/chat/completions", "gemini/gemini-2.5-flash");
        String text = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(response.statusCode()).as(text).isEqualTo(200);
        assertThat(text).contains("\"Hel\"", "\"lo\"", "[DONE]");
        assertThat(upstream.last().query()).isEqualTo("alt=sse");
        assertThat(node.loggedCost(response.headers())).isEqualByComparingTo("0.000335");
    }

    @Test
    void shouldAnswerAnAnthropicClientFromGemini() {
        HttpResponse<String> response = node.post("/anthropic/v1/messages", """
                {"model":"gemini/gemini-2.5-flash","max_tokens":100,"messages":[{"role":"user","content":"Hi"}]}""",
                "x-api-key", KEY, "anthropic-version", "2023-06-01");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = NodeClient.parse(response.body());
        assertThat(body.path("type").asText()).isEqualTo("message");
        assertThat(body.at("/content/0/text").asText()).isEqualTo("Hello from Gemini");
        assertThat(node.loggedCost(response.headers())).isEqualByComparingTo("0.000335");
    }

    @Test
    void shouldSignBedrockRequestsWithSigV4AndPriceCacheReadsAndWrites() throws Exception {
        HttpResponse<String> response = chat("bedrock/anthropic.claude-sonnet-4", false);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(NodeClient.parse(response.body()).at("/choices/0/message/content").asText())
                .isEqualTo("Hello from Bedrock");
        var sent = upstream.last();
        assertThat(sent.path()).isEqualTo("/bedrock/model/anthropic.claude-sonnet-4/converse");
        assertThat(sent.headers().get("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                .contains("/us-east-1/bedrock/aws4_request", "SignedHeaders=", "Signature=");
        assertThat(sent.headers().get("x-amz-date")).matches("\\d{8}T\\d{6}Z");
        assertThat(sent.headers().get("x-amz-content-sha256")).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(sent.body().getBytes(StandardCharsets.UTF_8))));
        assertThat(NodeClient.parse(sent.body()).at("/messages/0/content/0/text").asText()).isEqualTo("Hi");
        // 100 × 3 + 20 × 15 + 1,000 × 0.30 + 500 × 3.75 per million
        assertThat(node.loggedCost(response.headers())).isEqualByComparingTo("0.002775");
    }

    @Test
    void shouldStreamBedrocksEventStreamToAnAnthropicClient() throws IOException {
        HttpResponse<InputStream> response = stream("/anthropic/v1/messages", "bedrock/anthropic.claude-sonnet-4");
        String text = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(response.statusCode()).as(text).isEqualTo(200);
        assertThat(text).contains("event: message_start", "\"Hello\"", "event: message_stop");
        assertThat(upstream.last().path()).endsWith("/converse-stream");
        assertThat(node.loggedCost(response.headers())).isEqualByComparingTo("0.002775");
    }

    @Test
    void shouldSendABedrockApiKeyAsBearerAndRelayBedrocksValidationError() {
        HttpResponse<String> response = chat("bedrockapi/amazon.nova-micro-v1:0", false);

        assertThat(upstream.last().headers().get("authorization")).isEqualTo("Bearer bedrock-api-key-000001");
        assertThat(upstream.last().path()).as("the model id travels percent-encoded, read back decoded")
                .isEqualTo("/bedrockapi/model/amazon.nova-micro-v1:0/converse");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(NodeClient.parse(response.body()).at("/error/message").asText())
                .contains("The provided model identifier is invalid.");
    }

    private static HttpResponse<String> chat(String model, boolean stream) {
        return node.post("/v1/chat/completions", "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", "authorization", "Bearer " + KEY);
    }

    private static HttpResponse<InputStream> stream(String path, String model) {
        String body = path.startsWith("/anthropic")
                ? "{\"model\":\"" + model + "\",\"max_tokens\":100,\"stream\":true,\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"Hi\"}]}"
                : "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
        return path.startsWith("/anthropic")
                ? node.postStreaming(path, body, "x-api-key", KEY, "anthropic-version", "2023-06-01")
                : node.postStreaming(path, body, "authorization", "Bearer " + KEY);
    }
}
