package io.tollgate.node.providers.contract;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.config.ProviderType;

/**
 * OpenAI's Chat Completions API. Usage as in {@code fixtures/openai/usage_cached_reasoning.json}:
 * {@code prompt_tokens} includes {@code prompt_tokens_details.cached_tokens}, {@code completion_tokens} includes
 * {@code completion_tokens_details.reasoning_tokens}; OpenAI has no cache-write charge.
 */
class OpenAiContractIT extends OpenAiFamilyContract {

    @Override
    protected ProviderType type() {
        return ProviderType.OPENAI;
    }

    @Override
    protected String basePath() {
        return "/v1";
    }

    @Override
    protected String secret() {
        return "sk-contract-openai-0000000001";
    }

    @Override
    protected String model() {
        return "gpt-5-mini";
    }

    @Override
    protected ObjectNode goldenUsage() {
        return openAiUsage(2006, 1921, 300, 192);
    }

    @Override
    protected Golden.Tokens golden(boolean stream) {
        return new Golden.Tokens(2006 - 1921, 1921, 0, 0, 300 - 192, 192);
    }
}
