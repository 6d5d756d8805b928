package io.tollgate.node.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.StreamTranslator;

/**
 * A provider's own request format served at the edge of a native route: the request is turned into an OpenAI chat
 * request for the pipeline (so governance, the cache, routing and accounting treat it like every other request),
 * and the pipeline's OpenAI answer, whole or streamed, is turned back into the format the client speaks.
 */
interface NativeFormat {

    /** The OpenAI chat request for the client's body. */
    ObjectNode toOpenAi(ObjectNode body, String model, boolean stream);

    /** The client's answer for a whole OpenAI {@code chat.completion}. */
    byte[] fromOpenAi(byte[] completion, String model, String requestId);

    /** A translator of OpenAI chunks into the client's stream events. */
    StreamTranslator stream(String model, String requestId);

    /** The content type of the client's stream. */
    String streamContentType();

    /** The bytes of one of the client's stream events. */
    byte[] encode(io.tollgate.adapters.SseEvent event);

    /** The client's error body for a refusal or failure. */
    byte[] error(GatewayException error);

    /** Headers that go with an error answer (Bedrock's {@code x-amzn-ErrorType}); none by default. */
    default java.util.Map<String, String> errorHeaders(GatewayException error) {
        return java.util.Map.of();
    }

    /** The stream event that reports a failure after the stream began. */
    default io.tollgate.adapters.SseEvent errorEvent(GatewayException error) {
        return io.tollgate.adapters.SseEvent.data(new String(error(error), java.nio.charset.StandardCharsets.UTF_8));
    }
}
