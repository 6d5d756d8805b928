package io.tollgate.config;

import java.util.Locale;

/** The kinds of upstream a provider entry may be. */
public enum ProviderType {
    /** Any OpenAI-compatible API, including Azure OpenAI when {@code api_version} is set. */
    OPENAI("https://api.openai.com/v1"),
    /** Anthropic's Messages API. */
    ANTHROPIC("https://api.anthropic.com"),
    /** The built-in offline provider used by the default configuration, tests and benchmarks. */
    MOCK("");

    private final String defaultBaseUrl;

    ProviderType(String defaultBaseUrl) {
        this.defaultBaseUrl = defaultBaseUrl;
    }

    /** The base URL used when the provider entry names none; empty for {@link #MOCK}. */
    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    /** The name used in the YAML file ({@code openai}, {@code anthropic}, {@code mock}). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
