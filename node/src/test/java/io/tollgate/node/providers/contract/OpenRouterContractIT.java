package io.tollgate.node.providers.contract;

import io.tollgate.config.ProviderType;

/** OpenRouter's OpenAI-compatible API through the {@code openrouter} preset (model ids carry the upstream's name: {@code anthropic/claude-sonnet-4}). */
class OpenRouterContractIT extends PlainUsageContract {

    @Override
    protected ProviderType type() {
        return ProviderType.OPENROUTER;
    }

    @Override
    protected String basePath() {
        return "/openrouter/api/v1";
    }

    @Override
    protected String secret() {
        return "sk-or-contract-key-0000001";
    }

    @Override
    protected String model() {
        return "anthropic/claude-sonnet-4";
    }
}
