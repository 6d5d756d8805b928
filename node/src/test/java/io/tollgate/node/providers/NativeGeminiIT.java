package io.tollgate.node.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import io.tollgate.node.testing.FakeUpstream;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.NodeClient;
import io.tollgate.node.testing.NodeHarness;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The native Gemini route {@code /genai}: Google's own GenAI Java SDK, pointed at the gateway with a base URL swap
 * and a virtual key as its API key, chats and streams through the gateway to a Gemini upstream; the same route
 * reaches any other provider through the OpenAI hub; and it is governed like every route — no key, or a spent
 * budget, is refused in Google's error shape.
 */
class NativeGeminiIT {

    private static final String KEY = "tg-native-gemini-key-0000001";
    private static final String POOR = "tg-native-gemini-poor-000001";
    private static FakeUpstream upstream;
    private static NodeHarness node;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
        upstream.on("/gemini/v1beta/models/gemini-2.5-flash:generateContent", Reply.json(200, """
                {"candidates":[{"content":{"parts":[{"text":"Hello from Gemini"}],"role":"model"},"finishReason":"STOP",
                  "index":0}],
                 "usageMetadata":{"promptTokenCount":1200,"cachedContentTokenCount":1000,"candidatesTokenCount":50,
                  "thoughtsTokenCount":30,"totalTokenCount":1280},"modelVersion":"gemini-2.5-flash"}"""));
        upstream.on("/gemini/v1beta/models/gemini-2.5-flash:streamGenerateContent", Reply.sse(List.of(
                "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hel\"}],\"role\":\"model\"},\"index\":0}]}"
                        + "\r\n\r\n",
                "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"lo\"}],\"role\":\"model\"},"
                        + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":1200,"
                        + "\"cachedContentTokenCount\":1000,\"candidatesTokenCount\":50,\"thoughtsTokenCount\":30,"
                        + "\"totalTokenCount\":1280}}\r\n\r\n")));
        node = NodeHarness.start("""
                server: { port: 0 }
                providers:
                  gemini: { type: gemini, base_url: "%1$s/gemini", keys: [ { name: g1, value: gemini-key-000001 } ] }
                  mock: { type: mock }
                pricing:
                  gemini/gemini-2.5-flash: { input: 0.30, cached_input: 0.075, output: 2.50, reasoning: 2.50 }
                  mock/echo: { input: 1000, output: 1000 }
                governance:
                  enforce: true
                  default_output_tokens: 50
                  virtual_keys:
                    - { name: app, value: %2$s }
                    - { name: poor, value: %3$s, budgets: [ { max_limit: 0.000001, reset_duration: 1d } ] }
                logging: { enabled: true }
                """.formatted(upstream.url(), KEY, POOR));
    }

    @AfterAll
    static void stop() {
        node.close();
        upstream.close();
    }

    private static Client sdk(String key) {
        return Client.builder().apiKey(key)
                .httpOptions(HttpOptions.builder().baseUrl(node.url() + "/genai").build()).build();
    }

    @Test
    void shouldChatThroughTheGatewayWithGooglesSdk() {
        GenerateContentResponse answer = sdk(KEY).models.generateContent("gemini-2.5-flash", "Hi", null);

        assertThat(answer.text()).isEqualTo("Hello from Gemini");
        assertThat(answer.usageMetadata().orElseThrow().promptTokenCount()).contains(1200);
        assertThat(answer.usageMetadata().orElseThrow().cachedContentTokenCount()).contains(1000);
        assertThat(answer.usageMetadata().orElseThrow().thoughtsTokenCount()).contains(30);
        assertThat(NodeClient.parse(upstream.last().body()).at("/contents/0/parts/0/text").asText()).isEqualTo("Hi");
        assertThat(lastCost()).as("priced like any route: cached and thinking tokens")
                .isEqualByComparingTo("0.000335");
    }

    @Test
    void shouldStreamThroughTheGatewayWithGooglesSdk() {
        StringBuilder text = new StringBuilder();
        try (ResponseStream<GenerateContentResponse> stream = sdk(KEY).models.generateContentStream(
                "gemini-2.5-flash", "Hi", null)) {
            for (GenerateContentResponse part : stream) {
                if (part.text() != null) {
                    text.append(part.text());
                }
            }
        }

        assertThat(text.toString()).isEqualTo("Hello");
        assertThat(upstream.last().query()).isEqualTo("alt=sse");
        assertThat(lastCost()).isEqualByComparingTo("0.000335");
    }

    @Test
    void shouldReachAnyProviderThroughTheHub() {
        HttpResponse<String> response = node.post("/genai/v1beta/models/mock/echo:generateContent", """
                {"contents":[{"role":"user","parts":[{"text":"ping"}]}]}""", "x-goog-api-key", KEY);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = NodeClient.parse(response.body());
        assertThat(body.at("/candidates/0/content/parts/0/text").asText()).contains("ping");
        assertThat(body.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(body.at("/usageMetadata/totalTokenCount").asInt()).isPositive();
    }

    @Test
    void shouldRefuseInGooglesErrorShape() {
        HttpResponse<String> anonymous = node.post("/genai/v1beta/models/mock/echo:generateContent", """
                {"contents":[{"role":"user","parts":[{"text":"ping"}]}]}""");
        HttpResponse<String> poor = node.post("/genai/v1beta/models/mock/echo:generateContent", """
                {"contents":[{"role":"user","parts":[{"text":"ping"}]}]}""", "x-goog-api-key", POOR);
        HttpResponse<String> unknown = node.post("/genai/v1beta/models/mock/echo:countTokens", "{}",
                "x-goog-api-key", KEY);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(NodeClient.parse(anonymous.body()).at("/error/status").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(poor.statusCode()).as(poor.body()).isEqualTo(402);
        assertThat(NodeClient.parse(poor.body()).at("/error/code").asInt()).isEqualTo(402);
        assertThat(NodeClient.parse(poor.body()).at("/error/message").asText()).containsIgnoringCase("budget");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(NodeClient.parse(unknown.body()).at("/error/status").asText()).isEqualTo("NOT_FOUND");
    }

    private static BigDecimal lastCost() {
        node.node().cluster().requestLog().flush();
        var rows = node.node().cluster().requestLog().query(io.tollgate.cluster.log.LogQuery.builder().limit(1)
                .build()).rows();
        return BigDecimal.valueOf(rows.get(0).costNanos(), 9);
    }
}
