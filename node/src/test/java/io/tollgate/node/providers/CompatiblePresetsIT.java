package io.tollgate.node.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.node.testing.FakeUpstream;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.NodeClient;
import io.tollgate.node.testing.NodeHarness;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAI-compatible presets through a node, each against a fake server that answers the way that provider
 * does: Mistral refuses {@code stream_options} and {@code max_completion_tokens} and puts the usage in its last
 * content chunk; Groq's older streams carry it in {@code x_groq}; Ollama runs without a key. Each streamed request's
 * cost equals its usage at the configured prices.
 */
class CompatiblePresetsIT {

    private static final String KEY = "tg-presets-key-0000000001";
    private static FakeUpstream upstream;
    private static NodeHarness node;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
        upstream.on("/mistral/v1/chat/completions", exchange -> {
            JsonNode body = NodeClient.parse(upstream.last().body());
            if (body.has("stream_options") || body.has("max_completion_tokens")) {   // as Mistral's API does
                Reply.json(422, "{\"object\":\"error\",\"message\":{\"detail\":[{\"type\":\"extra_forbidden\","
                        + "\"msg\":\"Extra inputs are not permitted\"}]},\"type\":\"invalid_request_error\"}")
                        .write(exchange);
                return;
            }
            Reply.sse(List.of(
                    "data: {\"id\":\"m1\",\"object\":\"chat.completion.chunk\",\"model\":\"mistral-small-latest\","
                            + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Bonjour\"},"
                            + "\"finish_reason\":null}]}\n\n",
                    "data: {\"id\":\"m1\",\"object\":\"chat.completion.chunk\",\"model\":\"mistral-small-latest\","
                            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"!\"},\"finish_reason\":\"stop\"}],"
                            + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,\"total_tokens\":15}}\n\n",
                    "data: [DONE]\n\n")).write(exchange);
        });
        upstream.on("/groq/openai/v1/chat/completions", Reply.sse(List.of(
                "data: {\"id\":\"g1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":"
                        + "{\"role\":\"assistant\",\"content\":\"Hi\"},\"finish_reason\":null}]}\n\n",
                "data: {\"id\":\"g1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},"
                        + "\"finish_reason\":\"stop\"}],\"x_groq\":{\"id\":\"req_1\",\"usage\":{\"prompt_tokens\":20,"
                        + "\"completion_tokens\":5,\"total_tokens\":25}}}\n\n",
                "data: [DONE]\n\n")));
        upstream.on("/ollama/v1/chat/completions", Reply.json(200, """
                {"id":"o1","object":"chat.completion","created":1,"model":"llama3.2",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"hey"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":8,"completion_tokens":2,"total_tokens":10}}"""));
        node = NodeHarness.start("""
                server: { port: 0 }
                providers:
                  mistral: { type: mistral, base_url: "%1$s/mistral/v1", keys: [ { name: k, value: ms-key-000000001 } ] }
                  groq: { type: groq, base_url: "%1$s/groq/openai/v1", keys: [ { name: k, value: gsk-key-00000001 } ] }
                  ollama: { type: ollama, base_url: "%1$s/ollama/v1" }
                pricing:
                  mistral/mistral-small-latest: { input: 0.1, output: 0.3 }
                  groq/llama-3.3-70b-versatile: { input: 0.59, output: 0.79 }
                  ollama/llama3.2: { input: 0, output: 0 }
                governance:
                  virtual_keys: [ { name: app, value: %2$s, budgets: [ { max_limit: 10, reset_duration: 1d } ] } ]
                logging: { enabled: true }
                """.formatted(upstream.url(), KEY));
    }

    @AfterAll
    static void stop() {
        node.close();
        upstream.close();
    }

    @Test
    void shouldStreamFromMistralWithoutTheFieldsItRefusesAndPriceItsUsage() throws IOException {
        HttpResponse<InputStream> response = node.postStreaming("/v1/chat/completions", """
                {"model":"mistral/mistral-small-latest","stream":true,"max_completion_tokens":50,
                 "messages":[{"role":"user","content":"Salut"}]}""", "authorization", "Bearer " + KEY);
        String text = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(response.statusCode()).as(text).isEqualTo(200);
        assertThat(text).contains("Bonjour", "[DONE]").doesNotContain("\"usage\"");
        JsonNode sent = NodeClient.parse(upstream.last().body());
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(50);
        assertThat(sent.has("stream_options")).isFalse();
        assertThat(upstream.last().headers().get("authorization")).isEqualTo("Bearer ms-key-000000001");
        // 12 × $0.1 + 3 × $0.3 per million
        assertThat(node.loggedCost(response.headers())).isEqualByComparingTo("0.0000021");
    }

    @Test
    void shouldReadGroqsUsageFromXGroqAndPriceIt() throws IOException {
        HttpResponse<InputStream> response = node.postStreaming("/v1/chat/completions", """
                {"model":"groq/llama-3.3-70b-versatile","stream":true,
                 "messages":[{"role":"user","content":"Hi"}]}""", "authorization", "Bearer " + KEY);
        String text = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(response.statusCode()).as(text).isEqualTo(200);
        assertThat(NodeClient.parse(upstream.last().body()).at("/stream_options/include_usage").asBoolean())
                .as("Groq is asked for the usage chunk").isTrue();
        // 20 × $0.59 + 5 × $0.79 per million
        assertThat(node.loggedCost(response.headers())).isEqualByComparingTo("0.00001575");
    }

    @Test
    void shouldCallOllamaWithoutAConfiguredKey() {
        HttpResponse<String> response = node.post("/v1/chat/completions", """
                {"model":"ollama/llama3.2","messages":[{"role":"user","content":"Hi"}]}""",
                "authorization", "Bearer " + KEY);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(upstream.last().path()).isEqualTo("/ollama/v1/chat/completions");
        assertThat(response.headers().firstValue("x-tollgate-cost-usd")).hasValueSatisfying(cost ->
                assertThat(new BigDecimal(cost)).isZero());
    }
}
