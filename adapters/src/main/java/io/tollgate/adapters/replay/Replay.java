package io.tollgate.adapters.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.SseEvent;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Cached answers as streams, and streams as answers to cache. A cached answer is one whole response in the
 * client's dialect: an OpenAI {@code chat.completion} or an Anthropic {@code message}. Pure functions; the input
 * trees are never modified; safe from any thread.
 */
public final class Replay {

    private Replay() {
    }

    /**
     * The whole response as the stream its provider would send, in the same dialect, cut in token-like pieces
     * (a word with the space before it, punctuation and line breaks apart, at most 12 characters).
     *
     * <p>OpenAI: {@code chat.completion.chunk} events, each with the new id and {@code created}, the whole's
     * {@code model} and, when it has them, {@code service_tier} and {@code system_fingerprint}; per choice (its
     * index kept) a first {@code delta {role: assistant, content: ""}}, the content pieces, each tool call's first
     * delta (index, id, type, name, empty arguments) and argument pieces, several choices interleaved; after them
     * a chunk per choice with an empty delta and its {@code finish_reason}; then the usage chunk
     * ({@code choices: []}) when {@code options.includeUsage()}, and {@code data: [DONE]}.
     *
     * <p>Anthropic: named events {@code message_start} (the message with the new id, empty content and its usage
     * with {@code output_tokens} at most 1), {@code content_block_start} / {@code content_block_delta}s /
     * {@code content_block_stop} per block ({@code text_delta}, {@code thinking_delta} with one
     * {@code signature_delta}, {@code input_json_delta} for tool uses), {@code message_delta} (stop reason, stop
     * sequence, {@code usage.output_tokens}) and {@code message_stop}.
     *
     * @param dialect the dialect of {@code whole}, and of the stream
     * @param whole the cached response
     * @param options the id and time to stamp, and whether to send OpenAI's usage chunk
     * @return the events in order, ending with {@code [DONE]} or {@code message_stop}; immutable
     * @throws GatewayException {@link ErrorKind#INTERNAL} when {@code whole} is not a response of that dialect
     *     (an object with a {@code choices} array, or with a {@code content} array)
     */
    public static List<SseEvent> events(Dialect dialect, JsonNode whole, ReplayOptions options) {
        check(dialect, whole, options);
        return dialect == Dialect.OPENAI ? OpenAiEvents.of(whole, options) : AnthropicEvents.of(whole, options);
    }

    /**
     * A copy of the whole response for a non-streaming replay: the new id, and for OpenAI the new
     * {@code created}; everything else as cached.
     *
     * @param dialect the dialect of {@code whole}
     * @param whole the cached response
     * @param options the id and time to stamp; {@code includeUsage} is not used (a whole response always has
     *     its usage)
     * @return a new tree
     * @throws GatewayException {@link ErrorKind#INTERNAL} when {@code whole} is not a response of that dialect
     */
    public static ObjectNode whole(Dialect dialect, JsonNode whole, ReplayOptions options) {
        check(dialect, whole, options);
        ObjectNode copy = whole.deepCopy();
        copy.put("id", options.id());
        if (dialect == Dialect.OPENAI) {
            copy.put("created", options.createdEpochSeconds());
        }
        return copy;
    }

    /**
     * Assembles the events a client was sent, in its dialect, into the whole response they stand for.
     *
     * <p>OpenAI: content (and refusal) concatenated per choice, tool calls merged by index, the
     * {@code finish_reason}, the usage of the usage chunk if one was sent (none otherwise), and id, model,
     * {@code created}, {@code service_tier} and {@code system_fingerprint} from the chunks; the result is a
     * {@code chat.completion} with {@code refusal} and {@code annotations} on every message, as OpenAI writes it.
     * Anthropic: the {@code message} of {@code message_start} with the blocks built from their deltas and the
     * stop reason, stop sequence and usage of {@code message_delta} applied.
     *
     * <p>Blank events are skipped: SSE comments ({@code : x-tollgate-cost-usd=...}) are not {@link SseEvent}s
     * at all, since readers drop them, but a caller that keeps them as empty events loses nothing.
     *
     * @param dialect the client's dialect
     * @param events the events in the order they were sent
     * @return the response, or empty when the stream is not whole: for OpenAI a choice without
     *     {@code finish_reason} (or no choice at all; {@code [DONE]} is not required), for Anthropic no
     *     {@code message_start} or no {@code message_stop}; also empty when any event is an error, is not JSON
     *     or does not fit the stream (a delta for a block that never started, tool input that is not an object)
     */
    public static Optional<ObjectNode> assemble(Dialect dialect, List<SseEvent> events) {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(events, "events");
        return dialect == Dialect.OPENAI ? OpenAiAssembly.of(events) : AnthropicAssembly.of(events);
    }

    /**
     * Whether {@link #events} and {@link #whole} can replay this answer: an object with a {@code choices} array
     * (OpenAI) or a {@code content} array (Anthropic) of objects. An upstream may answer 200 with anything; only
     * answers that pass are worth keeping.
     */
    public static boolean replayable(Dialect dialect, JsonNode whole) {
        JsonNode items = whole.path(dialect == Dialect.OPENAI ? "choices" : "content");
        if (!whole.isObject() || !items.isArray()) {
            return false;
        }
        for (JsonNode item : items) {
            if (!item.isObject()) {
                return false;
            }
        }
        return true;
    }

    private static void check(Dialect dialect, JsonNode whole, ReplayOptions options) {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(whole, "whole");
        Objects.requireNonNull(options, "options");
        String array = dialect == Dialect.OPENAI ? "choices" : "content";
        if (!replayable(dialect, whole)) {
            throw GatewayException.of(ErrorKind.INTERNAL, "cannot replay a cached " + dialect + " answer: expected an"
                    + " object with a '" + array + "' array of objects, got " + whole.getNodeType());
        }
    }
}
