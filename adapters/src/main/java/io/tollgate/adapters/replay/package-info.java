/**
 * Replaying cached answers and assembling streamed ones, for the response cache. An answer is cached as one whole
 * response in the client's dialect (an OpenAI {@code chat.completion} or an Anthropic {@code message});
 * {@link io.tollgate.adapters.replay.Replay} turns it back into a stream of that dialect, cut in token-like pieces
 * as the provider would send it, re-stamps it for a non-streaming replay, and assembles the events a client was
 * sent back into the whole response to cache.
 *
 * <p>Pure functions on Jackson trees: no I/O and no clock (callers pass the id and {@code created} time in
 * {@link io.tollgate.adapters.replay.ReplayOptions}); input trees are never modified; safe from any thread.
 */
package io.tollgate.adapters.replay;
