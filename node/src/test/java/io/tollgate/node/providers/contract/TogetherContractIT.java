package io.tollgate.node.providers.contract;

import io.tollgate.config.ProviderType;

/** Together AI's OpenAI-compatible API through the {@code together} preset (its usage: prompt and completion tokens). */
class TogetherContractIT extends PlainUsageContract {

    @Override
    protected ProviderType type() {
        return ProviderType.TOGETHER;
    }

    @Override
    protected String basePath() {
        return "/together/v1";
    }

    @Override
    protected String secret() {
        return "tgp_contract_key_000000001";
    }

    @Override
    protected String model() {
        return "meta-llama/Llama-3.3-70B-Instruct-Turbo";
    }
}
