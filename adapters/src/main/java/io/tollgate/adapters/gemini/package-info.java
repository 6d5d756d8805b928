/**
 * Google Gemini's {@code generateContent} JSON (Google AI Studio and Vertex AI share it) against the gateway's hub,
 * OpenAI Chat Completions, in both directions. Pure functions on Jackson trees, no I/O, no clock: callers pass ids
 * and {@code created} times.
 *
 * <ul>
 *   <li>{@link io.tollgate.adapters.gemini.OpenAiToGemini}: an OpenAI client served by a Gemini upstream (request,
 *       whole response with usage, stream translator);</li>
 *   <li>{@link io.tollgate.adapters.gemini.GeminiToOpenAi}: a Gemini client (the native
 *       {@code /genai/v1beta/models/{model}:generateContent} route) served through the OpenAI hub;</li>
 *   <li>{@link io.tollgate.adapters.gemini.GeminiUsage}: {@code usageMetadata} to and from
 *       {@link io.tollgate.adapters.Usage};</li>
 *   <li>{@link io.tollgate.adapters.gemini.GeminiErrors}: Gemini error bodies to
 *       {@link io.tollgate.adapters.GatewayException}.</li>
 * </ul>
 *
 * <p>Client mistakes raise {@link io.tollgate.adapters.GatewayException#invalid(String, String)} naming the
 * parameter; upstream faults raise {@link io.tollgate.adapters.ErrorKind#UPSTREAM_ERROR}. Stream translators are
 * single-threaded objects, one per stream; everything else is stateless and thread-safe.
 */
package io.tollgate.adapters.gemini;
