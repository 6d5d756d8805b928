package io.tollgate.adapters.spi;

import io.tollgate.adapters.anthropic.AnthropicAdapter;
import io.tollgate.adapters.bedrock.BedrockAdapter;
import io.tollgate.adapters.gemini.GeminiAdapter;
import io.tollgate.adapters.mock.MockAdapter;
import io.tollgate.adapters.openai.OpenAiAdapter;
import io.tollgate.adapters.vertex.VertexAdapter;
import io.tollgate.config.ProviderConfig;
import java.time.Clock;

/** Creates the adapter that fits a provider entry's type. */
public final class ProviderAdapters {

    private ProviderAdapters() {
    }

    /**
     * The adapter for this provider.
     *
     * @param config the provider entry
     * @param transport the HTTP transport it sends through (unused by {@code mock})
     * @param clock the clock mock replies are stamped with
     * @throws IllegalArgumentException when a {@code vertex} provider's service-account key cannot be loaded
     */
    public static ProviderAdapter create(ProviderConfig config, HttpTransport transport, Clock clock) {
        return switch (config.type()) {
            case OPENAI, GROQ, MISTRAL, TOGETHER, OPENROUTER, DEEPSEEK, FIREWORKS, OLLAMA, VLLM ->
                    OpenAiAdapter.create(config, transport);
            case ANTHROPIC -> AnthropicAdapter.create(config, transport);
            case GEMINI -> GeminiAdapter.create(config, transport);
            case BEDROCK -> BedrockAdapter.create(config, transport, clock);
            case VERTEX -> VertexAdapter.create(config, transport);
            case MOCK -> MockAdapter.create(config, clock);
        };
    }
}
