package io.tollgate.node.providers.contract;

import io.tollgate.config.ProviderType;

/** A local Ollama server's OpenAI-compatible API through the {@code ollama} preset, configured without keys. */
class OllamaContractIT extends PlainUsageContract {

    @Override
    protected ProviderType type() {
        return ProviderType.OLLAMA;
    }

    @Override
    protected String basePath() {
        return "/ollama/v1";
    }

    @Override
    protected String secret() {
        return "none";
    }

    @Override
    protected String model() {
        return "llama3.2";
    }

    /** No keys configured: the preset's keyless key is sent as {@code Bearer none}. */
    @Override
    protected String providerFields(String upstreamUrl) {
        return "type: %s, base_url: \"%s%s\"".formatted(type().configName(), upstreamUrl, basePath());
    }
}
