package io.tollgate.adapters;

/** The wire format a client speaks or an upstream understands. */
public enum Dialect {
    /** OpenAI's Chat Completions, Completions and Embeddings formats. */
    OPENAI,
    /** Anthropic's Messages format. */
    ANTHROPIC,
    /** Google's Gemini {@code generateContent} format (upstreams; reached through the OpenAI hub). */
    GEMINI,
    /** AWS Bedrock's Converse format (upstreams; reached through the OpenAI hub). */
    BEDROCK
}
