package io.tollgate.adapters.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.adapters.Operation;
import io.tollgate.adapters.spi.HttpTransport;
import io.tollgate.adapters.spi.UpstreamRequest;
import io.tollgate.adapters.spi.UpstreamResponse;
import io.tollgate.config.HttpVersion;
import io.tollgate.config.MockOptions;
import io.tollgate.config.ProviderConfig;
import io.tollgate.config.ProviderKey;
import io.tollgate.config.ProviderType;
import io.tollgate.config.Secret;
import io.tollgate.config.Timeouts;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OpenAiAdapterTest {

    private static final ProviderKey KEY = new ProviderKey("k1", new Secret("sk-test-0123456789abcdef"), 1);

    @Test
    void shouldSendBearerKeyToTheOperationPath() {
        AtomicReference<UpstreamRequest> sent = new AtomicReference<>();
        OpenAiAdapter adapter = OpenAiAdapter.create(provider("https://api.openai.com/v1/", Optional.empty()),
                capture(sent));
        adapter.send(Operation.EMBEDDINGS, "text-embedding-3-small", KEY, new byte[] {'{', '}'},
                Map.of("traceparent", "00-abc-def-01"));
        assertThat(sent.get().uri().toString()).isEqualTo("https://api.openai.com/v1/embeddings");
        assertThat(sent.get().headers()).containsEntry("authorization", "Bearer sk-test-0123456789abcdef")
                .containsEntry("traceparent", "00-abc-def-01").containsEntry("x-extra", "1");
        assertThat(sent.get().toString()).doesNotContain("sk-test");
    }

    @Test
    void shouldSpeakAzureWithDeploymentUrlApiVersionAndApiKeyHeader() {
        AtomicReference<UpstreamRequest> sent = new AtomicReference<>();
        OpenAiAdapter adapter = OpenAiAdapter.create(provider(
                "https://res.openai.azure.com/openai/deployments/{model}", Optional.of("2024-10-21")), capture(sent));
        adapter.send(Operation.CHAT, "gpt-4o", KEY, new byte[] {'{', '}'}, Map.of());
        assertThat(sent.get().uri().toString()).isEqualTo(
                "https://res.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21");
        assertThat(sent.get().headers()).containsEntry("api-key", "sk-test-0123456789abcdef")
                .doesNotContainKey("authorization");
    }

    @Test
    void shouldSendResponsesToOpenAisPathAndLeaveOtherServersToChat() {
        AtomicReference<UpstreamRequest> sent = new AtomicReference<>();
        OpenAiAdapter openai = OpenAiAdapter.create(provider("https://api.openai.com/v1", Optional.empty()),
                capture(sent));
        openai.send(Operation.RESPONSES, "gpt-4o", KEY, new byte[] {'{', '}'}, Map.of());
        assertThat(sent.get().uri().toString()).isEqualTo("https://api.openai.com/v1/responses");
        assertThat(openai.supports(Operation.RESPONSES)).isTrue();
        assertThat(OpenAiAdapter.create(provider("https://res.openai.azure.com/openai/deployments/{model}",
                Optional.of("2024-10-21")), capture(sent)).supports(Operation.RESPONSES)).as("azure").isFalse();
        ProviderConfig groq = new ProviderConfig("groq", ProviderType.GROQ, "https://api.groq.com/openai/v1",
                Optional.empty(), List.of(KEY), Map.of(), Timeouts.DEFAULT, HttpVersion.AUTO, MockOptions.DEFAULT,
                Optional.empty());
        assertThat(OpenAiAdapter.create(groq, capture(sent)).supports(Operation.RESPONSES)).isFalse();
        assertThat(OpenAiAdapter.create(groq, capture(sent)).supports(Operation.CHAT)).isTrue();
    }

    private static ProviderConfig provider(String baseUrl, Optional<String> apiVersion) {
        return new ProviderConfig("openai", ProviderType.OPENAI, baseUrl, apiVersion, List.of(KEY),
                Map.of("x-extra", "1"), Timeouts.DEFAULT, HttpVersion.AUTO, MockOptions.DEFAULT, Optional.empty());
    }

    private static HttpTransport capture(AtomicReference<UpstreamRequest> sent) {
        return new HttpTransport() {
            @Override
            public UpstreamResponse send(UpstreamRequest request) {
                sent.set(request);
                return null;
            }

            @Override
            public void close() {
            }
        };
    }
}
