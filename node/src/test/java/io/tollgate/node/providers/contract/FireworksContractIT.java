package io.tollgate.node.providers.contract;

import io.tollgate.config.ProviderType;

/** Fireworks AI's OpenAI-compatible API through the {@code fireworks} preset. */
class FireworksContractIT extends PlainUsageContract {

    @Override
    protected ProviderType type() {
        return ProviderType.FIREWORKS;
    }

    @Override
    protected String basePath() {
        return "/fireworks/inference/v1";
    }

    @Override
    protected String secret() {
        return "fw-contract-key-0000000001";
    }

    @Override
    protected String model() {
        return "accounts/fireworks/models/llama-v3p3-70b-instruct";
    }
}
