package io.tollgate.cache.key;

/** The shape of a request body the cache reads. */
public enum RequestFormat {
    /** OpenAI's chat completions: {@code messages} with roles {@code system}/{@code developer}/{@code user}/... */
    OPENAI_CHAT,
    /** Anthropic's messages: a top-level {@code system}, {@code messages} of {@code user} and {@code assistant}. */
    ANTHROPIC_MESSAGES
}
