package io.tollgate.adapters.bridge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Operation;
import io.tollgate.adapters.StreamTranslator;
import io.tollgate.adapters.Usage;
import java.util.Objects;

/**
 * Carries one exchange between a client's dialect and an upstream's. One instance per request, used by its thread.
 */
public interface Bridge {

    /** The body to send upstream, in the upstream's dialect. */
    byte[] request();

    /**
     * Turns a whole successful upstream response into the client's dialect and reads its usage.
     *
     * @throws GatewayException {@code UPSTREAM_ERROR} when the upstream body is not valid JSON of its dialect
     */
    Translated response(byte[] upstreamBody);

    /** A translator for the upstream's event stream, for a client that asked to stream. */
    StreamTranslator stream();

    /**
     * A response in the client's dialect and the usage it reported.
     *
     * @param body the bytes for the client
     * @param usage the upstream's usage
     */
    record Translated(byte[] body, Usage usage) {
        public Translated {
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(usage, "usage");
        }
    }

    /**
     * What a bridge needs to know about the exchange.
     *
     * @param requestId the gateway's request id (used for ids in translated responses)
     * @param operation what the client asked for
     * @param clientModel the model as the client wrote it, shown in translated responses
     * @param upstreamModel the model name the upstream knows
     * @param createdEpochSeconds the time stamp for translated responses
     * @param defaultMaxTokens the {@code max_tokens} sent to an Anthropic upstream when the client gave none
     */
    record Context(String requestId, Operation operation, String clientModel, String upstreamModel,
                   long createdEpochSeconds, long defaultMaxTokens) {
        public Context {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(clientModel, "clientModel");
            Objects.requireNonNull(upstreamModel, "upstreamModel");
        }
    }

    /**
     * The bridge for a client dialect and an upstream dialect.
     *
     * @param body the client's request body (not modified)
     * @throws GatewayException {@code INVALID_REQUEST} when the body cannot be expressed in the upstream's dialect
     */
    static Bridge create(Dialect client, Dialect upstream, ObjectNode body, Context context) {
        if (upstream == Dialect.GEMINI || upstream == Dialect.BEDROCK) {
            if (context.operation() != Operation.CHAT) {
                throw GatewayException.of(ErrorKind.INVALID_REQUEST, "Only chat requests can be sent to a "
                        + upstream.name().toLowerCase(java.util.Locale.ROOT) + " provider; "
                        + context.operation().name().toLowerCase(java.util.Locale.ROOT)
                        + " needs an OpenAI-type provider.");
            }
            return HubBridge.create(client, upstream, body, context);
        }
        if (client == upstream) {
            return client == Dialect.OPENAI ? OpenAiPassThrough.create(body, context)
                    : AnthropicPassThrough.create(body, context);
        }
        if (context.operation() != Operation.CHAT) {
            throw GatewayException.of(ErrorKind.INVALID_REQUEST, "Only chat requests can be translated between "
                    + "OpenAI and Anthropic formats; " + context.operation().name().toLowerCase(java.util.Locale.ROOT)
                    + " needs an OpenAI-type provider.");
        }
        return client == Dialect.OPENAI ? OpenAiToAnthropicBridge.create(body, context)
                : AnthropicToOpenAiBridge.create(body, context);
    }

    /**
     * The bridge for a Responses API request.
     *
     * @param upstream the upstream's dialect for the model
     * @param nativeResponses true when the upstream offers the Responses API itself: the request passes through;
     *     otherwise it goes as a chat request and its answer comes back as a Response
     * @param body the client's Responses request (not modified)
     * @throws GatewayException {@code INVALID_REQUEST} when the request cannot be expressed as a chat request
     */
    static Bridge forResponses(Dialect upstream, boolean nativeResponses, ObjectNode body, Context context) {
        return nativeResponses ? ResponsesPassThrough.create(body, context)
                : ResponsesOverChat.create(upstream, body, context);
    }

    /** The operation the upstream is sent: chat for a Responses request it has no native API for. */
    static Operation upstreamOperation(Operation operation, boolean nativeResponses) {
        return operation == Operation.RESPONSES && !nativeResponses ? Operation.CHAT : operation;
    }
}
