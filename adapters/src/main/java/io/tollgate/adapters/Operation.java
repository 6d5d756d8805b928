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
    RESPONSES,
    /**
     * Counting a request's input tokens: Anthropic {@code /v1/messages/count_tokens}, OpenAI
     * {@code /responses/input_tokens}. Answered by the provider or estimated, never billed.
     */
    COUNT_TOKENS,
    /** OpenAI {@code /moderations}: free at OpenAI, never billed. */
    MODERATIONS,
    /** OpenAI {@code /images/generations}, priced per image. */
    IMAGES,
    /** OpenAI {@code /audio/speech}: text to audio, priced per character of input. */
    SPEECH,
    /**
     * Submitting a batch (OpenAI {@code POST /batches}, Anthropic {@code POST /messages/batches}): the worst case of
     * every line is reserved when it is submitted, and the lines are priced at batch rates and settled when it ends.
     */
    BATCH,
    /**
     * A call on a provider's stored resources through {@code ProviderAdapter.call}: uploading and reading files,
     * reading or cancelling batches. Counted as a request, never billed itself.
     */
    RESOURCE,
    /**
     * OpenAI {@code /audio/transcriptions}: audio to text, sent as {@code multipart/form-data}; priced per second of
     * audio (whisper) or by audio and text tokens (gpt-4o-transcribe).
     */
    TRANSCRIPTION,
    /** OpenAI {@code /audio/translations}: audio to English text, sent and priced like {@link #TRANSCRIPTION}. */
    TRANSLATION;

    /** True for the operations whose request is an audio upload in {@code multipart/form-data}. */
    public boolean audioUpload() {
        return this == TRANSCRIPTION || this == TRANSLATION;
    }
}
