package io.tollgate.node.http;

import static io.tollgate.node.testing.NodeHarness.json;
import static io.tollgate.node.testing.SseText.dataLines;
import static io.tollgate.node.testing.SseText.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.node.testing.FakeUpstream;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.Fixtures;
import io.tollgate.node.testing.NodeHarness;
import io.tollgate.node.testing.GatewayIT;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiRoutesIT extends GatewayIT {


    @Test
    void shouldAnswerChatThroughTheMockWithExactCostHeaders() {
        HttpResponse<String> response = node.post("/v1/chat/completions",
                "{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello, Tollgate!\"}]}");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Mock reply to: Hello, Tollgate!");
        long prompt = body.at("/usage/prompt_tokens").asLong();
        long completion = body.at("/usage/completion_tokens").asLong();
        BigDecimal expected = BigDecimal.valueOf(prompt * 150 + completion * 600, 9);
        assertThat(new BigDecimal(response.headers().firstValue("x-tollgate-cost-usd").orElseThrow()))
                .isEqualByComparingTo(expected);
        assertThat(response.headers().firstValue("x-tollgate-provider")).contains("mock");
        assertThat(response.headers().firstValue("x-tollgate-model")).contains("mock/echo");
        assertThat(response.headers().firstValue("x-request-id")).hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{32}"));
    }

    @Test
    void shouldKeepTheClientsRequestId() {
        HttpResponse<String> response = node.post("/openai/v1/chat/completions",
                "{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "x-request-id",
                "my-trace-42");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-request-id")).contains("my-trace-42");
    }

    @Test
    void shouldPassThroughToAnOpenAiUpstreamWithRenamedModelAndUnknownFields() {
        upstream.on("/v1/chat/completions", Reply.json(200, Fixtures.OPENAI_COMPLETION));
        HttpResponse<String> response = node.post("/v1/chat/completions", """
                {"model":"fake/gpt-test","messages":[{"role":"user","content":"hi"}],
                 "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],
                 "response_format":{"type":"json_object"},"n":2,"some_future_field":{"x":1}}""");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).at("/choices/0/message/content").asText()).isEqualTo("Hello from upstream");
        FakeUpstream.Recorded sent = upstream.last();
        JsonNode sentBody = parse(sent.body());
        assertThat(sentBody.path("model").asText()).isEqualTo("gpt-test");
        assertThat(sentBody.path("some_future_field")).isEqualTo(parse("{\"x\":1}"));
        assertThat(sentBody.path("n").asInt()).isEqualTo(2);
        assertThat(sentBody.at("/tools/0/function/name").asText()).isEqualTo("f");
        assertThat(sentBody.at("/response_format/type").asText()).isEqualTo("json_object");
        assertThat(sent.headers()).containsEntry("authorization", "Bearer " + Fixtures.OPENAI_SECRET);
        // 600 input x $1 + 400 cached x $0.50 + 200 output x $2 + 100 reasoning x $2, per 1M tokens
        assertThat(response.headers().firstValue("x-tollgate-cost-usd")).contains("0.0014");
    }

    @Test
    void shouldReuseTheUpstreamConnection() {
        upstream.on("/v1/chat/completions", Reply.json(200, Fixtures.OPENAI_COMPLETION));
        String request = "{\"model\":\"fake/gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        assertThat(node.post("/v1/chat/completions", request).statusCode()).isEqualTo(200);
        int first = upstream.last().clientPort();
        assertThat(node.post("/v1/chat/completions", request).statusCode()).isEqualTo(200);
        assertThat(upstream.last().clientPort()).as("keep-alive connection reused").isEqualTo(first);
    }

    @Test
    void shouldStreamLegacyCompletionsFromTheMock() {
        HttpResponse<String> response = node.post("/v1/completions",
                "{\"model\":\"mock/echo\",\"prompt\":\"Say this\",\"stream\":true}");
        List<String> data = dataLines(response.body());
        StringBuilder text = new StringBuilder();
        for (String chunk : data.subList(0, data.size() - 1)) {
            text.append(parse(chunk).at("/choices/0/text").asText(""));
        }
        assertThat(text.toString()).isEqualTo("Mock reply to: Say this");
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
        assertThat(response.body()).doesNotContain("\"usage\"").contains(": x-tollgate-cost-usd=0.000");
    }

    @Test
    void shouldStreamAndDropTheUsageChunkTheClientDidNotAskFor() {
        upstream.on("/v1/chat/completions", Reply.sse(Fixtures.OPENAI_STREAM));
        HttpResponse<String> response = node.post("/v1/chat/completions",
                "{\"model\":\"fake/gpt-test\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("text/event-stream"));
        assertThat(parse(upstream.last().body()).at("/stream_options/include_usage").asBoolean()).isTrue();
        List<String> data = dataLines(response.body());
        assertThat(data).hasSize(5).last().isEqualTo("[DONE]");
        assertThat(response.body()).doesNotContain("\"usage\"");
        assertThat(response.body()).endsWith(": x-tollgate-cost-usd=0.000024\n\n");
    }

    @Test
    void shouldStreamTheUsageChunkWhenTheClientAsked() {
        upstream.on("/v1/chat/completions", Reply.sse(Fixtures.OPENAI_STREAM));
        HttpResponse<String> response = node.post("/v1/chat/completions", "{\"model\":\"fake/gpt-test\","
                + "\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        List<String> data = dataLines(response.body());
        assertThat(data).hasSize(6);
        assertThat(parse(data.get(4)).at("/usage/prompt_tokens").asLong()).isEqualTo(20);
    }

    @Test
    void shouldStreamFromTheMockWithCostComment() {
        HttpResponse<String> response = node.post("/v1/chat/completions",
                "{\"model\":\"mock/echo\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"one two\"}]}");
        StringBuilder text = new StringBuilder();
        List<String> data = dataLines(response.body());
        for (String chunk : data.subList(0, data.size() - 1)) {
            text.append(parse(chunk).at("/choices/0/delta/content").asText(""));
        }
        assertThat(text.toString()).isEqualTo("Mock reply to: one two");
        assertThat(response.body()).contains(": x-tollgate-cost-usd=0.0000");
    }

    @Test
    void shouldServeEmbeddingsAndCompletionsAndModels() {
        HttpResponse<String> embeddings = node.post("/v1/embeddings",
                "{\"model\":\"mock/embed\",\"input\":[\"a\",\"b\"]}");
        assertThat(embeddings.statusCode()).isEqualTo(200);
        assertThat(json(embeddings).path("data")).hasSize(2);
        assertThat(embeddings.headers().firstValue("x-tollgate-cost-usd")).contains("unpriced");

        HttpResponse<String> completions = node.post("/openai/v1/completions",
                "{\"model\":\"mock/echo\",\"prompt\":\"Say this\"}");
        assertThat(completions.statusCode()).isEqualTo(200);
        assertThat(json(completions).at("/choices/0/text").asText()).isEqualTo("Mock reply to: Say this");

        HttpResponse<String> models = node.get("/v1/models");
        assertThat(models.statusCode()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        json(models).path("data").forEach(m -> ids.add(m.path("id").asText()));
        assertThat(ids).contains("mock/echo", "fake/gpt-test", "claude/claude-test");
    }

    @Test
    void shouldCallAzureOpenAiDeploymentsWithApiVersionAndApiKey() {
        try (NodeHarness azure = NodeHarness.start("""
                server: { port: 0 }
                providers:
                  azure:
                    type: openai
                    base_url: %s/openai/deployments/{model}
                    api_version: 2024-10-21
                    keys: [ { name: k1, value: azure-key-0123456789abcdef } ]
                """.formatted(upstream.url()))) {
            upstream.on("/openai/deployments/gpt-4o-mini/chat/completions", Reply.json(200, Fixtures.OPENAI_COMPLETION));
            HttpResponse<String> response = azure.post("/v1/chat/completions",
                    "{\"model\":\"azure/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            FakeUpstream.Recorded sent = upstream.last();
            assertThat(sent.query()).isEqualTo("api-version=2024-10-21");
            assertThat(sent.headers()).containsEntry("api-key", "azure-key-0123456789abcdef")
                    .doesNotContainKey("authorization");
            // Azure is an OpenAI-type provider: the catalog's OpenAI list price applies to OpenAI model names
            assertThat(response.headers().firstValue("x-tollgate-cost-usd")).hasValueSatisfying(
                    cost -> assertThat(new BigDecimal(cost)).isPositive());
        }
    }

    @Test
    void shouldOfferLegacyCompletionsAndEmbeddingsOnlyOnOpenAiTypeProviders() {
        HttpResponse<String> response = node.post("/v1/completions",
                "{\"model\":\"claude/claude-test\",\"prompt\":\"x\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).at("/error/message").asText()).contains("does not offer completions");
    }

    @Test
    void shouldAnswerHealthAndReadiness() {
        assertThat(node.get("/health").statusCode()).isEqualTo(200);
        assertThat(node.get("/ready").body()).contains("ready");
    }
}
