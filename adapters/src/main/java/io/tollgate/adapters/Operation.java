package io.tollgate.adapters;

/** What a request asks an upstream to do. */
public enum Operation {
    /** OpenAI {@code /chat/completions} or Anthropic {@code /v1/messages}. */
    CHAT,
    /** OpenAI's legacy {@code /completions}. */
    COMPLETIONS,
    /** OpenAI {@code /embeddings}. */
    EMBEDDINGS,
    /** OpenAI's Responses API {@code /responses} (translated to chat for upstreams that lack it). */
    RESPONSES
}
