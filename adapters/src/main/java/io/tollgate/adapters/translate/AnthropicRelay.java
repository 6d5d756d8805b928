package io.tollgate.adapters.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.StreamTranslator;
import io.tollgate.adapters.Usage;

/**
 * Anthropic client to Anthropic upstream: bodies and events pass through nearly untouched. Pure functions; safe
 * from any thread.
 */
public final class AnthropicRelay {

    private AnthropicRelay() {
    }

    /** A copy of the request with the upstream's model name. */
    public static ObjectNode prepareRequest(ObjectNode request, String upstreamModel) {
        return request.deepCopy().put("model", upstreamModel);
    }

    /**
     * A relay of the upstream's events. Every event passes unchanged (the same
     * {@link io.tollgate.adapters.SseEvent}); only {@code message_start}, {@code message_delta} and {@code error}
     * are parsed. Usage starts from {@code message_start.message.usage}; each field a {@code message_delta}
     * carries replaces it (the counts there are cumulative), as Anthropic's SDKs do. {@code message_stop}
     * completes the stream; an {@code error} event throws {@link io.tollgate.adapters.GatewayException};
     * {@code onEnd()} adds nothing.
     */
    public static StreamTranslator stream() {
        return new AnthropicRelayStream();
    }

    /** The usage of a non-streaming response ({@code body.usage}); {@link Usage#ZERO} when it has none. */
    public static Usage usage(JsonNode response) {
        return Usages.fromAnthropic(response.path("usage"));
    }

    /** A copy of the response whose {@code model} is the name the client asked for. */
    public static ObjectNode withModel(ObjectNode response, String clientModel) {
        return response.deepCopy().put("model", clientModel);
    }
}
