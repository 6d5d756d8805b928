package io.tollgate.node.providers.contract;

import io.tollgate.config.ProviderType;

/** A vLLM server's OpenAI-compatible API through the {@code vllm} preset, started with {@code --api-key}. */
class VllmContractIT extends PlainUsageContract {

    @Override
    protected ProviderType type() {
        return ProviderType.VLLM;
    }

    @Override
    protected String basePath() {
        return "/vllm/v1";
    }

    @Override
    protected String secret() {
        return "vllm-contract-key-00000001";
    }

    @Override
    protected String model() {
        return "meta-llama/Llama-3.1-8B-Instruct";
    }
}
