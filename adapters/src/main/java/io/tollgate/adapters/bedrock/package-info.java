/**
 * AWS Bedrock's Converse API, both ways, on the gateway's OpenAI hub: {@link io.tollgate.adapters.bedrock.BedrockConverse}
 * serves an OpenAI client from Bedrock, {@link io.tollgate.adapters.bedrock.BedrockNative} serves a Converse client
 * (the native {@code /bedrock/model/{modelId}/converse} routes) from any upstream,
 * {@link io.tollgate.adapters.bedrock.EventStreams} frames and unframes {@code application/vnd.amazon.eventstream}
 * (so the SSE relay reads Bedrock streams unchanged), and {@link io.tollgate.adapters.bedrock.BedrockSigner} signs
 * requests with SigV4.
 *
 * <p>Converse is Anthropic's Messages format under other names, so both directions rename to and from Anthropic's
 * shapes and reuse the translators of {@code io.tollgate.adapters.translate} for the semantics (validation, turn
 * merging, tools, stop reasons, usage buckets). AWS SDK types (the event-stream codec, the SigV4 signer) stay
 * inside this package; no public signature shows them. Pure functions on Jackson trees, except the stream
 * translators and the event-stream reader, which serve one stream on one thread.
 */
package io.tollgate.adapters.bedrock;
