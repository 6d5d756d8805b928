/**
 * The format layer: OpenAI Chat Completions and Anthropic Messages JSON, in both directions, for requests,
 * non-streaming responses and server-sent event streams, plus usage extraction and the cheap same-dialect relays.
 * Pure functions on Jackson trees, no I/O, no clock: callers pass ids and {@code created} times.
 *
 * <ul>
 *   <li>{@link io.tollgate.adapters.translate.Usages}: usage JSON to and from {@link io.tollgate.adapters.Usage};</li>
 *   <li>{@link io.tollgate.adapters.translate.OpenAiToAnthropic}: an OpenAI client served by an Anthropic
 *       upstream;</li>
 *   <li>{@link io.tollgate.adapters.translate.AnthropicToOpenAi}: an Anthropic client served by an
 *       OpenAI-compatible upstream;</li>
 *   <li>{@link io.tollgate.adapters.translate.OpenAiRelay} and {@link io.tollgate.adapters.translate.AnthropicRelay}:
 *       same dialect on both sides, events passed through unchanged while usage is read;</li>
 *   <li>{@link io.tollgate.adapters.translate.UpstreamErrors}: upstream error bodies to
 *       {@link io.tollgate.adapters.GatewayException}.</li>
 * </ul>
 *
 * <p>Client mistakes raise {@link io.tollgate.adapters.GatewayException#invalid(String, String)} naming the
 * parameter; upstream faults raise {@link io.tollgate.adapters.ErrorKind#UPSTREAM_ERROR}. Stream translators are
 * single-threaded objects, one per stream; everything else is stateless and thread-safe.
 */
package io.tollgate.adapters.translate;
