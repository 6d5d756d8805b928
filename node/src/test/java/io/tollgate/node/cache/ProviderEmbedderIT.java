package io.tollgate.node.cache;

import static io.tollgate.node.testing.NodeHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.node.testing.FakeUpstream;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.NodeHarness;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The semantic cache with a provider's {@code /v1/embeddings} as its embedder: the vectors come from the provider
 * (here a fake that maps two paraphrases close together), and a hit costs the embedding's tokens at the
 * embedding model's price instead of nothing.
 */
@Timeout(120)
class ProviderEmbedderIT {

    private static final String KEY = "tg-cache-provider-emb-0001";
    private static final String COMPLETION = """
            {"id":"chatcmpl-e","object":"chat.completion","created":1700000000,"model":"gpt-c",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Paris."},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":10,"completion_tokens":4,"total_tokens":14}}""";

    private FakeUpstream upstream;
    private NodeHarness node;

    @BeforeEach
    void start() {
        upstream = FakeUpstream.start();
        upstream.on("/v1/chat/completions", Reply.json(200, COMPLETION));
        upstream.on("/v1/embeddings", exchange -> {
            String body = upstream.last().body();
            String vector = body.contains("capital of France") || body.contains("France's capital")
                    ? (body.contains("France's") ? "[0.95, 0.3122499, 0, 0]" : "[1, 0, 0, 0]") : "[0, 0, 1, 0]";
            Reply.json(200, "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":"
                    + vector + "}],\"model\":\"emb\",\"usage\":{\"prompt_tokens\":7,\"total_tokens\":7}}")
                    .write(exchange);
        });
        node = NodeHarness.start("""
                server: { port: 0 }
                providers:
                  fake: { type: openai, base_url: "%s/v1", keys: [ { name: k1, value: sk-cache-emb-upstream-0 } ] }
                pricing:
                  fake/gpt-c: { input: 1000, output: 1000 }
                  fake/emb: { input: 100, output: 0 }
                governance:
                  virtual_keys:
                    - { name: app, value: %s }
                cache:
                  mode: semantic
                  embedder: { type: provider, provider: fake, model: emb, dimensions: 4 }
                """.formatted(upstream.url(), KEY));
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        upstream.close();
    }

    private HttpResponse<String> ask(String question) {
        HttpResponse<String> response = node.post("/v1/chat/completions", "{\"model\":\"fake/gpt-c\",\"temperature\":0,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + question + "\"}]}",
                "authorization", "Bearer " + KEY);
        node.node().cache().flush();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    @Test
    void shouldHitByTheProvidersVectorsAndChargeTheEmbedding() {
        HttpResponse<String> miss = ask("What is the capital of France?");
        HttpResponse<String> hit = ask("Tell me France's capital city");
        HttpResponse<String> unrelated = ask("How do I bake bread?");

        assertThat(miss.headers().firstValue("x-tollgate-cache")).contains("miss");
        assertThat(new BigDecimal(miss.headers().firstValue("x-tollgate-cost-usd").orElseThrow()))
                .as("the completion, 14 tokens at $1000/M, plus the embedding, 7 tokens at $100/M")
                .isEqualByComparingTo("0.0147");
        assertThat(hit.headers().firstValue("x-tollgate-cache")).contains("hit-semantic");
        assertThat(json(hit).at("/choices/0/message/content").asText()).isEqualTo("Paris.");
        assertThat(new BigDecimal(hit.headers().firstValue("x-tollgate-cost-usd").orElseThrow()))
                .as("the embedding alone").isEqualByComparingTo("0.0007");
        assertThat(unrelated.headers().firstValue("x-tollgate-cache")).contains("miss");
        assertThat(upstream.requests()).filteredOn(r -> r.path().equals("/v1/embeddings")).hasSize(3)
                .allSatisfy(r -> assertThat(r.body()).contains("\"dimensions\":4"));
    }
}
