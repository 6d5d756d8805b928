package io.tollgate.config;

import java.util.Locale;

/**
 * The kinds of upstream a provider entry may be. Besides the native OpenAI and Anthropic APIs, presets name the
 * OpenAI-compatible family: each speaks OpenAI's Chat Completions format with its own default base URL and quirks
 * (see {@link #streamOptions()} and {@link #maxTokensField()}), so a configuration says {@code type: groq} instead of
 * a base URL and the gateway knows how to get usage out of its streams.
 */
public enum ProviderType {
    /** Any OpenAI-compatible API, including Azure OpenAI when {@code api_version} is set. */
    OPENAI("https://api.openai.com/v1", true, "max_completion_tokens", true),
    /** Anthropic's Messages API. */
    ANTHROPIC("https://api.anthropic.com", true, "max_tokens", true),
    /** Groq: usage on streams when asked with {@code stream_options} (older answers carry it in {@code x_groq}). */
    GROQ("https://api.groq.com/openai/v1", true, "max_completion_tokens", true),
    /**
     * Mistral La Plateforme: refuses unknown fields (a 422 for {@code stream_options} and
     * {@code max_completion_tokens}) and puts the usage in its last stream chunk unasked.
     */
    MISTRAL("https://api.mistral.ai/v1", false, "max_tokens", true),
    /** Together AI. */
    TOGETHER("https://api.together.xyz/v1", true, "max_tokens", true),
    /** OpenRouter. */
    OPENROUTER("https://openrouter.ai/api/v1", true, "max_tokens", true),
    /** DeepSeek. */
    DEEPSEEK("https://api.deepseek.com/v1", true, "max_tokens", true),
    /** Fireworks AI. */
    FIREWORKS("https://api.fireworks.ai/inference/v1", true, "max_tokens", true),
    /** A local Ollama server's OpenAI-compatible API; it needs no key. */
    OLLAMA("http://127.0.0.1:11434/v1", true, "max_tokens", false),
    /** A vLLM server's OpenAI-compatible API; a key only when it was started with {@code --api-key}. */
    VLLM("http://127.0.0.1:8000/v1", true, "max_tokens", false),
    /** Google AI Studio's Gemini API ({@code generateContent}), keyed by an API key. */
    GEMINI("https://generativelanguage.googleapis.com", false, "max_tokens", true),
    /**
     * AWS Bedrock's Converse API in a {@code region}; keys are Bedrock API keys (bearer) or access keys signed with
     * SigV4 ({@code access_key_id} beside the secret {@code value}, optional {@code session_token}).
     */
    BEDROCK("", false, "max_tokens", true),
    /**
     * Google Vertex AI in a {@code project} and {@code region} (a location, or {@code global}): Gemini models in
     * Gemini's format and Anthropic's Claude models in Anthropic's; each key's {@code value} is a service-account JSON
     * key (the path of its file, or the JSON itself) from which the gateway mints OAuth tokens.
     */
    VERTEX("", false, "max_tokens", true),
    /** The built-in offline provider used by the default configuration, tests and benchmarks. */
    MOCK("", true, "max_completion_tokens", false);

    private final String defaultBaseUrl;
    private final boolean streamOptions;
    private final String maxTokensField;
    private final boolean keyRequired;

    ProviderType(String defaultBaseUrl, boolean streamOptions, String maxTokensField, boolean keyRequired) {
        this.defaultBaseUrl = defaultBaseUrl;
        this.streamOptions = streamOptions;
        this.maxTokensField = maxTokensField;
        this.keyRequired = keyRequired;
    }

    /**
     * The base URL used when the provider entry names none; empty for {@link #MOCK}, and for {@link #BEDROCK} and
     * {@link #VERTEX}, whose URL follows their {@code region}.
     */
    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    /** The name used in the YAML file ({@code openai}, {@code anthropic}, {@code groq}, {@code mock}). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for every type that speaks OpenAI's formats (all but Anthropic, Gemini, Bedrock and Vertex). */
    public boolean openAiCompatible() {
        return this != ANTHROPIC && this != GEMINI && this != BEDROCK && this != VERTEX;
    }

    /**
     * True when streamed requests may carry {@code stream_options.include_usage} (the gateway adds it to learn the
     * usage); false for servers that refuse the field and report usage unasked.
     */
    public boolean streamOptions() {
        return streamOptions;
    }

    /**
     * The field the server reads the output cap from: OpenAI's {@code max_completion_tokens}, or the older
     * {@code max_tokens} for servers that refuse the newer name.
     */
    public String maxTokensField() {
        return maxTokensField;
    }

    /** False for local servers that run without keys: a provider of this type may list none. */
    public boolean keyRequired() {
        return keyRequired;
    }
}
