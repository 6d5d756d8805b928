package io.tollgate.adapters.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.StreamTranslator;
import io.tollgate.adapters.Usage;

/**
 * OpenAI client to OpenAI-compatible upstream: the hot path, where bodies pass through nearly untouched. Works for
 * Chat Completions, legacy Completions and Embeddings bodies alike. Pure functions; safe from any thread.
 */
public final class OpenAiRelay {

    /**
     * A request ready for the upstream.
     *
     * @param body the body to send
     * @param clientAskedUsage true when the client itself streams with {@code stream_options.include_usage: true};
     *     false otherwise, including for requests that do not stream (their responses always carry usage)
     */
    public record Prepared(ObjectNode body, boolean clientAskedUsage) {
    }

    private OpenAiRelay() {
    }

    /**
     * A copy of the request with the upstream's model name and, when {@code stream} is true,
     * {@code stream_options.include_usage: true}, so the gateway always learns the usage.
     *
     * @throws GatewayException naming {@code stream_options} when it is present but not an object
     */
    public static Prepared prepareRequest(ObjectNode request, String upstreamModel) {
        ObjectNode body = request.deepCopy();
        body.put("model", upstreamModel);
        if (!body.path("stream").asBoolean(false)) {
            return new Prepared(body, false);
        }
        JsonNode options = body.path("stream_options");
        if (!Json.absent(options)) {
            Params.requireObject(options, "stream_options");
        }
        boolean asked = options.path("include_usage").asBoolean(false);
        if (!asked) {
            ObjectNode writable = options.isObject() ? (ObjectNode) options : body.putObject("stream_options");
            writable.put("include_usage", true);
        }
        return new Prepared(body, asked);
    }

    /**
     * A relay of the upstream's chunks. Chunks pass unchanged (the same {@link io.tollgate.adapters.SseEvent});
     * only chunks whose text shows a {@code "usage"} object or an {@code "error"} key are parsed. The usage
     * comes from the last chunk that carries one. When the client did not ask for usage, the usage-only chunk
     * ({@code choices} empty) is dropped, and a chunk with both choices and usage (some compatible servers send
     * one) is passed without its {@code usage} field. {@code [DONE]} passes and completes the stream;
     * {@code onEnd()} adds nothing.
     *
     * @param clientAskedUsage {@link Prepared#clientAskedUsage()}
     */
    public static StreamTranslator stream(boolean clientAskedUsage) {
        return new OpenAiRelayStream(clientAskedUsage);
    }

    /** The usage of a non-streaming response ({@code body.usage}); {@link Usage#ZERO} when it has none. */
    public static Usage usage(JsonNode response) {
        return Usages.fromOpenAi(response.path("usage"));
    }

    /** A copy of the response whose {@code model} is the name the client asked for. */
    public static ObjectNode withModel(ObjectNode response, String clientModel) {
        return response.deepCopy().put("model", clientModel);
    }
}
