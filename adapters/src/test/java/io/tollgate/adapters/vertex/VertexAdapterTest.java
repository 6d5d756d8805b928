package io.tollgate.adapters.vertex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.Operation;
import io.tollgate.adapters.spi.HttpTransport;
import io.tollgate.adapters.spi.UpstreamRequest;
import io.tollgate.adapters.spi.UpstreamResponse;
import io.tollgate.config.BalancingStrategy;
import io.tollgate.config.CircuitBreakerConfig;
import io.tollgate.config.HttpVersion;
import io.tollgate.config.MockOptions;
import io.tollgate.config.ProviderConfig;
import io.tollgate.config.ProviderKey;
import io.tollgate.config.ProviderType;
import io.tollgate.config.RetryPolicy;
import io.tollgate.config.Secret;
import io.tollgate.config.Timeouts;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Vertex AI's URLs per publisher and streaming, Claude's body as Vertex takes it, the bearer token, the dialects. */
class VertexAdapterTest {

    private static final ProviderKey KEY = new ProviderKey("sa", new Secret("/etc/tollgate/sa.json"), 1);
    private final AtomicReference<UpstreamRequest> sent = new AtomicReference<>();

    @Test
    void shouldCallGeminiModelsOfGooglesPublisherWholeAndStreamedAsSse() {
        VertexAdapter adapter = adapter("https://us-central1-aiplatform.googleapis.com", "us-central1");

        assertThat(adapter.uri("gemini-2.5-flash", false).toString()).isEqualTo("https://us-central1-aiplatform"
                + ".googleapis.com/v1/projects/acme-ai/locations/us-central1/publishers/google/models/gemini-2.5-flash"
                + ":generateContent");
        assertThat(adapter.uri("gemini-2.5-flash", true).toString()).endsWith(
                "/publishers/google/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
        assertThat(adapter.dialect("gemini-2.5-flash")).isEqualTo(Dialect.GEMINI);
        assertThat(adapter.dialect()).isEqualTo(Dialect.GEMINI);
    }

    @Test
    void shouldCallClaudeModelsOfAnthropicsPublisherWithRawPredictAndTheGlobalEndpoint() {
        VertexAdapter adapter = adapter("https://aiplatform.googleapis.com", "global");

        assertThat(adapter.uri("claude-sonnet-4@20250514", false).toString()).isEqualTo("https://aiplatform"
                + ".googleapis.com/v1/projects/acme-ai/locations/global/publishers/anthropic/models/"
                + "claude-sonnet-4@20250514:rawPredict");
        assertThat(adapter.uri("claude-sonnet-4@20250514", true).toString()).endsWith(
                "/publishers/anthropic/models/claude-sonnet-4@20250514:streamRawPredict");
        assertThat(adapter.uri("odd model/x", false).toString()).contains("/models/odd%20model%2Fx:generateContent");
        assertThat(adapter.dialect("claude-sonnet-4@20250514")).isEqualTo(Dialect.ANTHROPIC);
    }

    @Test
    void shouldSendClaudeTheMessagesBodyWithoutModelAndWithVertexsVersionAndABearerToken() {
        VertexAdapter adapter = adapter("https://us-east5-aiplatform.googleapis.com", "us-east5");
        byte[] body = """
                {"model":"claude-sonnet-4","max_tokens":100,"stream":true,"messages":[{"role":"user","content":"Hi"}]}"""
                .getBytes(StandardCharsets.UTF_8);

        adapter.send(Operation.CHAT, "claude-sonnet-4", KEY, body, Map.of("anthropic-version", "2023-06-01",
                "anthropic-beta", "context-1m-2025-08-07"), true);

        UpstreamRequest request = sent.get();
        JsonNode upstream = Json.parseObject(request.body());
        assertThat(upstream.has("model")).isFalse();
        assertThat(upstream.path("anthropic_version").asText()).isEqualTo("vertex-2023-10-16");
        assertThat(upstream.path("stream").asBoolean()).isTrue();
        assertThat(upstream.at("/messages/0/content").asText()).isEqualTo("Hi");
        assertThat(request.uri().getPath()).endsWith("/anthropic/models/claude-sonnet-4:streamRawPredict");
        assertThat(request.headers()).containsEntry("authorization", "Bearer ya29.for-sa")
                .containsEntry("anthropic-beta", "context-1m-2025-08-07").doesNotContainKey("anthropic-version");
    }

    @Test
    void shouldSendGeminiItsBodyAsItIsAndRefuseOtherOperations() {
        VertexAdapter adapter = adapter("http://127.0.0.1:9", "europe-west4");
        byte[] body = "{\"contents\":[]}".getBytes(StandardCharsets.UTF_8);

        adapter.send(Operation.CHAT, "gemini-2.5-pro", KEY, body, Map.of());

        assertThat(sent.get().body()).isEqualTo(body);
        assertThat(sent.get().uri().toString()).isEqualTo("http://127.0.0.1:9/v1/projects/acme-ai/locations/"
                + "europe-west4/publishers/google/models/gemini-2.5-pro:generateContent");
        assertThat(adapter.supports(Operation.EMBEDDINGS)).isFalse();
        assertThatThrownBy(() -> adapter.send(Operation.EMBEDDINGS, "text-embedding-005", KEY, body, Map.of()))
                .isInstanceOf(GatewayException.class).hasMessageContaining("serves chat requests only");
    }

    private VertexAdapter adapter(String baseUrl, String region) {
        ProviderConfig config = new ProviderConfig("vertex", ProviderType.VERTEX, baseUrl, Optional.empty(),
                List.of(KEY), Map.of(), Timeouts.DEFAULT, HttpVersion.AUTO, MockOptions.DEFAULT, Optional.empty(),
                BalancingStrategy.ADAPTIVE, RetryPolicy.DEFAULT, CircuitBreakerConfig.DEFAULT, Optional.of(region),
                Optional.of("acme-ai"));
        return VertexAdapter.create(config, new HttpTransport() {
            @Override
            public UpstreamResponse send(UpstreamRequest request) {
                sent.set(request);
                return null;
            }

            @Override
            public void close() {
            }
        }, key -> "ya29.for-" + key.name());
    }
}
