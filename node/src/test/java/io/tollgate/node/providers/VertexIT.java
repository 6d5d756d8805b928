package io.tollgate.node.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.node.testing.FakeUpstream;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.GoogleServiceAccount;
import io.tollgate.node.testing.NodeClient;
import io.tollgate.node.testing.NodeHarness;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Vertex AI upstreams through a node, against a fake OAuth token endpoint and a fake Vertex API answering in the
 * documented formats: Gemini models (Google's JSON and SSE) and Claude models (Anthropic's, via rawPredict and
 * streamRawPredict) for OpenAI and Anthropic clients, whole and streamed; bearer tokens minted from a service
 * account with a signed JWT, reused while fresh and refreshed within the library's margin; errors in each publisher's
 * format; and each request's cost from its usage at the configured prices.
 */
class VertexIT {

    private static final String KEY = "tg-vertex-key-000001";
    private static final String PROJECT = "/v1/projects/acme-ai/locations/us-east5/publishers/";
    private static final String GEMINI_TEXT = """
            {"candidates":[{"content":{"parts":[{"text":"Hello from Vertex Gemini"}],"role":"model"},
              "finishReason":"STOP","index":0}],
             "usageMetadata":{"promptTokenCount":1200,"cachedContentTokenCount":1000,"candidatesTokenCount":50,
              "thoughtsTokenCount":30,"totalTokenCount":1280},"modelVersion":"gemini-2.5-flash"}""";
    private static final String CLAUDE_TEXT = """
            {"id":"msg_vrtx_01","type":"message","role":"assistant","model":"claude-sonnet-4",
             "content":[{"type":"text","text":"Hello from Vertex Claude"}],"stop_reason":"end_turn","stop_sequence":null,
             "usage":{"input_tokens":100,"output_tokens":20,"cache_read_input_tokens":1000,
              "cache_creation_input_tokens":500}}""";
    private static final List<String> CLAUDE_EVENTS = List.of(
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_vrtx_02\",\"type\":"
                    + "\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4\",\"content\":[],\"stop_reason\":"
                    + "null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":100,\"cache_creation_input_tokens\":500,"
                    + "\"cache_read_input_tokens\":1000,\"output_tokens\":1}}}\n\n",
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
                    + "{\"type\":\"text\",\"text\":\"\"}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                    + "{\"type\":\"text_delta\",\"text\":\"Hello from\"}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                    + "{\"type\":\"text_delta\",\"text\":\" Claude\"}}\n\n",
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
            "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                    + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":20}}\n\n",
            "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    private static final GoogleServiceAccount ACCOUNT =
            GoogleServiceAccount.create("gateway@acme-ai.iam.gserviceaccount.com", "main", 3600);
    /** 200 s to live: under the library's 3 min 45 s refresh margin, so every call finds the token due. */
    private static final GoogleServiceAccount SHORT_LIVED =
            GoogleServiceAccount.create("short@acme-ai.iam.gserviceaccount.com", "short", 200);
    private static FakeUpstream upstream;
    private static NodeHarness node;

    @BeforeAll
    static void start() throws IOException {
        upstream = FakeUpstream.start();
        upstream.on("/oauth/main", ACCOUNT.tokenEndpoint());
        upstream.on("/oauth/short", SHORT_LIVED.tokenEndpoint());
        upstream.on("/vertex" + PROJECT + "google/models/gemini-2.5-flash:generateContent", Reply.json(200, GEMINI_TEXT));
        upstream.on("/vertex" + PROJECT + "google/models/gemini-2.5-flash:streamGenerateContent", Reply.sse(List.of(
                "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hel\"}],\"role\":\"model\"},\"index\":0}],"
                        + "\"modelVersion\":\"gemini-2.5-flash\"}\r\n\r\n",
                "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"lo\"}],\"role\":\"model\"},"
                        + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":1200,"
                        + "\"cachedContentTokenCount\":1000,\"candidatesTokenCount\":50,\"thoughtsTokenCount\":30,"
                        + "\"totalTokenCount\":1280},\"modelVersion\":\"gemini-2.5-flash\"}\r\n\r\n")));
        upstream.on("/vertex" + PROJECT + "google/models/gemini-0:generateContent", Reply.json(404, """
                {"error":{"code":404,"message":"Publisher Model `projects/acme-ai/locations/us-east5/publishers/google/\
                models/gemini-0` was not found or your project does not have access to it.","status":"NOT_FOUND"}}"""));
        upstream.on("/vertex" + PROJECT + "anthropic/models/claude-sonnet-4:rawPredict", Reply.json(200, CLAUDE_TEXT));
        upstream.on("/vertex" + PROJECT + "anthropic/models/claude-sonnet-4:streamRawPredict", Reply.sse(CLAUDE_EVENTS));
        upstream.on("/vertex" + PROJECT + "anthropic/models/claude-opus-4:rawPredict", Reply.json(400, """
                {"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: 999999 > 32000, \
                which is the maximum allowed number of output tokens for claude-opus-4"}}"""));
        upstream.on("/short/v1/projects/acme-ai/locations/global/publishers/google/models/gemini-2.5-flash"
                + ":generateContent", Reply.json(200, GEMINI_TEXT));
        Path keyFile = Files.writeString(Path.of(NodeHarness.tempDir(), "vertex-sa.json"),
                ACCOUNT.json(upstream.url() + "/oauth/main"));
        node = NodeHarness.start("""
                server: { port: 0 }
                providers:
                  vertex:
                    type: vertex
                    project: acme-ai
                    region: us-east5
                    base_url: "%1$s/vertex"
                    keys: [ { name: sa, value: "%3$s" } ]
                  vshort: { type: vertex, project: acme-ai, region: global, base_url: "%1$s/short",
                            keys: [ { name: short, value: "${SHORT_SA_JSON}" } ] }
                pricing:
                  vertex/gemini-2.5-flash: { input: 0.30, cached_input: 0.075, output: 2.50, reasoning: 2.50 }
                  vertex/claude-sonnet-4: { input: 3, output: 15, cached_input: 0.30, cache_write: 3.75 }
                governance:
                  virtual_keys: [ { name: app, value: %2$s } ]
                logging: { enabled: true }
                """.formatted(upstream.url(), KEY, keyFile),
                Map.of("SHORT_SA_JSON", SHORT_LIVED.json(upstream.url() + "/oauth/short")));
    }

    @AfterAll
    static void stop() {
        node.close();
        upstream.close();
    }

    @Test
    void shouldAnswerAnOpenAiClientFromVertexGeminiAndPriceCachedAndThinkingTokens() {
        HttpResponse<String> response = openAi("vertex/gemini-2.5-flash");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = NodeClient.parse(response.body());
        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Hello from Vertex Gemini");
        FakeUpstream.Recorded sent = upstream.last();
        assertThat(sent.headers().get("authorization")).isEqualTo("Bearer ya29.main-1");
        assertThat(sent.headers()).doesNotContainKey("x-goog-api-key");
        assertThat(NodeClient.parse(sent.body()).at("/contents/0/parts/0/text").asText()).isEqualTo("Hi");
        // 200 × 0.30 + 1,000 × 0.075 + 50 × 2.50 + 30 × 2.50 per million
        assertThat(node.loggedCost(response.headers())).isEqualByComparingTo("0.000335");
    }

    @Test
    void shouldStreamFromVertexGeminiToAnOpenAiClient() throws IOException {
        HttpResponse<InputStream> response = stream("/v1/chat/completions", "vertex/gemini-2.5-flash");
        String text = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(response.statusCode()).as(text).isEqualTo(200);
        assertThat(text).contains("\"Hel\"", "\"lo\"", "[DONE]");
        assertThat(upstream.last().path()).endsWith("/publishers/google/models/gemini-2.5-flash:streamGenerateContent");
        assertThat(upstream.last().query()).isEqualTo("alt=sse");
        assertThat(node.loggedCost(response.headers())).isEqualByComparingTo("0.000335");
    }

    @Test
    void shouldAnswerAnAnthropicClientFromClaudeOnVertexWithVertexsBodyAndPriceCacheReadsAndWrites() {
        HttpResponse<String> response = node.post("/anthropic/v1/messages", """
                {"model":"vertex/claude-sonnet-4","max_tokens":100,"messages":[{"role":"user","content":"Hi"}]}""",
                "x-api-key", KEY, "anthropic-version", "2023-06-01");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = NodeClient.parse(response.body());
        assertThat(body.path("type").asText()).isEqualTo("message");
        assertThat(body.at("/content/0/text").asText()).isEqualTo("Hello from Vertex Claude");
        FakeUpstream.Recorded sent = upstream.last();
        assertThat(sent.path()).isEqualTo("/vertex" + PROJECT + "anthropic/models/claude-sonnet-4:rawPredict");
        assertThat(sent.headers().get("authorization")).startsWith("Bearer ya29.main-");
        assertThat(sent.headers()).as("the version travels in the body").doesNotContainKey("anthropic-version");
        JsonNode upstreamBody = NodeClient.parse(sent.body());
        assertThat(upstreamBody.has("model")).isFalse();
        assertThat(upstreamBody.path("anthropic_version").asText()).isEqualTo("vertex-2023-10-16");
        assertThat(upstreamBody.path("max_tokens").asInt()).isEqualTo(100);
        // 100 × 3 + 20 × 15 + 1,000 × 0.30 + 500 × 3.75 per million
        assertThat(node.loggedCost(response.headers())).isEqualByComparingTo("0.002775");
    }

    @Test
    void shouldAnswerAnOpenAiClientFromClaudeOnVertex() {
        HttpResponse<String> response = openAi("vertex/claude-sonnet-4");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = NodeClient.parse(response.body());
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Hello from Vertex Claude");
        assertThat(body.at("/usage/prompt_tokens").asLong()).isEqualTo(1600);
        JsonNode upstreamBody = NodeClient.parse(upstream.last().body());
        assertThat(upstreamBody.has("model")).isFalse();
        assertThat(upstreamBody.path("max_tokens").asLong()).as("the default cap an Anthropic upstream needs")
                .isPositive();
        assertThat(node.loggedCost(response.headers())).isEqualByComparingTo("0.002775");
    }

    @Test
    void shouldStreamClaudeOnVertexToAnAnthropicClient() throws IOException {
        HttpResponse<InputStream> response = stream("/anthropic/v1/messages", "vertex/claude-sonnet-4");
        String text = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(response.statusCode()).as(text).isEqualTo(200);
        assertThat(text).contains("event: message_start", "\"Hello from\"", "\" Claude\"", "event: message_stop");
        assertThat(upstream.last().path()).endsWith("/anthropic/models/claude-sonnet-4:streamRawPredict");
        assertThat(NodeClient.parse(upstream.last().body()).path("stream").asBoolean()).isTrue();
        assertThat(node.loggedCost(response.headers())).isEqualByComparingTo("0.002775");
    }

    @Test
    void shouldStreamClaudeOnVertexToAnOpenAiClient() throws IOException {
        HttpResponse<InputStream> response = stream("/v1/chat/completions", "vertex/claude-sonnet-4");
        String text = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(response.statusCode()).as(text).isEqualTo(200);
        assertThat(text).contains("chat.completion.chunk", "\"Hello from\"", "\" Claude\"", "[DONE]");
        assertThat(upstream.last().path()).endsWith(":streamRawPredict");
        assertThat(node.loggedCost(response.headers())).isEqualByComparingTo("0.002775");
    }

    @Test
    void shouldMintTheBearerTokenOnceWithASignedGrantAndReuseIt() {
        assertThat(openAi("vertex/gemini-2.5-flash").statusCode()).isEqualTo(200);
        assertThat(openAi("vertex/claude-sonnet-4").statusCode()).isEqualTo(200);

        assertThat(ACCOUNT.minted()).as("one token for every request of this node").isEqualTo(1);
        List<FakeUpstream.Recorded> grants = requestsTo("/oauth/main");
        assertThat(grants).hasSize(1);
        JsonNode claims = ACCOUNT.verifyGrant(grants.get(0).body());
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(3600);
        assertThat(upstream.requests()).filteredOn(r -> r.path().startsWith("/vertex/"))
                .extracting(r -> r.headers().get("authorization")).containsOnly("Bearer ya29.main-1");
    }

    @Test
    void shouldRefreshATokenThatIsAboutToExpireAndUseTheGlobalLocation() {
        int before = SHORT_LIVED.minted();

        assertThat(openAi("vshort/gemini-2.5-flash").statusCode()).isEqualTo(200);
        String first = upstream.last().headers().get("authorization");
        assertThat(openAi("vshort/gemini-2.5-flash").statusCode()).isEqualTo(200);
        String second = upstream.last().headers().get("authorization");

        assertThat(SHORT_LIVED.minted() - before).isEqualTo(2);
        assertThat(first).isEqualTo("Bearer ya29.short-" + (before + 1));
        assertThat(second).isEqualTo("Bearer ya29.short-" + (before + 2));
        assertThat(upstream.last().path()).startsWith("/short/v1/projects/acme-ai/locations/global/");
        requestsTo("/oauth/short").forEach(grant -> SHORT_LIVED.verifyGrant(grant.body()));
    }

    @Test
    void shouldRelayEachPublishersErrorInItsOwnFormat() {
        HttpResponse<String> gemini = openAi("vertex/gemini-0");
        assertThat(gemini.statusCode()).as(gemini.body()).isEqualTo(404);
        assertThat(NodeClient.parse(gemini.body()).at("/error/message").asText())
                .contains("Publisher Model", "was not found");

        HttpResponse<String> claude = node.post("/anthropic/v1/messages", """
                {"model":"vertex/claude-opus-4","max_tokens":999999,"messages":[{"role":"user","content":"Hi"}]}""",
                "x-api-key", KEY, "anthropic-version", "2023-06-01");
        assertThat(claude.statusCode()).as(claude.body()).isEqualTo(400);
        JsonNode error = NodeClient.parse(claude.body());
        assertThat(error.at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.at("/error/message").asText()).contains("maximum allowed number of output tokens");
    }

    private static HttpResponse<String> openAi(String model) {
        return node.post("/v1/chat/completions", "{\"model\":\"" + model
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", "authorization", "Bearer " + KEY);
    }

    private static HttpResponse<InputStream> stream(String path, String model) {
        return path.startsWith("/anthropic")
                ? node.postStreaming(path, "{\"model\":\"" + model + "\",\"max_tokens\":100,\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                        "x-api-key", KEY, "anthropic-version", "2023-06-01")
                : node.postStreaming(path, "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":"
                        + "\"user\",\"content\":\"Hi\"}]}", "authorization", "Bearer " + KEY);
    }

    private static List<FakeUpstream.Recorded> requestsTo(String path) {
        return upstream.requests().stream().filter(r -> r.path().equals(path)).toList();
    }
}
