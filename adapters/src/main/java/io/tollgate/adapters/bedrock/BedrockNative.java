package io.tollgate.adapters.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.StreamTranslator;
import io.tollgate.adapters.translate.AnthropicToOpenAi;
import java.time.Clock;

/**
 * Serves a Bedrock Converse client (the native routes {@code /bedrock/model/{modelId}/converse} and
 * {@code /converse-stream}) from the gateway's OpenAI Chat Completions hub. Converse is renamed to Anthropic's
 * Messages and goes on through {@link AnthropicToOpenAi}; answers come back the same way. Pure functions on Jackson
 * trees except the stream translator (one per stream); safe from any thread.
 *
 * <p>Lossy points, beyond those of {@link AnthropicToOpenAi}: {@code additionalModelRequestFields}, guardrails,
 * prompt variables and cache points are dropped; documents, videos and S3 images are refused.
 */
public final class BedrockNative {

    private BedrockNative() {
    }

    /**
     * Translates a Converse request into a Chat Completions request.
     *
     * @param converse the client's body (the model id is in the route, not the body)
     * @param upstreamModel the model name the upstream knows
     * @param stream whether the client called {@code converse-stream}; the request then streams and asks for
     *     {@code stream_options.include_usage}
     * @param defaultMaxTokens the {@code max_tokens} to send when {@code inferenceConfig.maxTokens} is absent
     * @throws GatewayException {@link ErrorKind#INVALID_REQUEST} for missing {@code messages}, content this route
     *     cannot carry, or what {@link AnthropicToOpenAi#request} refuses
     */
    public static ObjectNode request(ObjectNode converse, String upstreamModel, boolean stream,
                                     long defaultMaxTokens) {
        ObjectNode anthropic = ConverseRequests.toAnthropic(converse, upstreamModel, defaultMaxTokens, stream);
        return AnthropicToOpenAi.request(anthropic, upstreamModel, true);
    }

    /**
     * Translates a {@code chat.completion} into a Converse response: {@code output.message.content} with text and
     * {@code toolUse} blocks, {@code stopReason} (stop end_turn, length max_tokens, tool_calls tool_use,
     * content_filter content_filtered), {@code usage} and {@code metrics.latencyMs}.
     *
     * @param completion the upstream's body
     * @param latencyMs the time the call took, for {@code metrics.latencyMs}
     * @throws GatewayException {@link ErrorKind#UPSTREAM_ERROR} when the body is an error or has no choice
     */
    public static ObjectNode response(JsonNode completion, long latencyMs) {
        return ConverseResponses.toConverse(AnthropicToOpenAi.response(completion, ""), latencyMs);
    }

    /**
     * A translator of {@code chat.completion.chunk} events into ConverseStream events, each named by its event
     * type with its payload as data; {@link EventStreams#encode} frames them for the client. The stream ends with
     * {@code messageStop} and {@code metadata {usage, metrics {latencyMs}}}; the usage comes from the upstream's
     * usage chunk.
     *
     * @param clientModel the model the client asked for
     * @param clock measures {@code metrics.latencyMs} from this call
     */
    public static StreamTranslator stream(String clientModel, Clock clock) {
        return new ChainedStream(AnthropicToOpenAi.stream(clientModel, "msg_bedrock"),
                new AnthropicEventsToConverse(clock));
    }

    /**
     * Bedrock's error type for a failure, for the {@code x-amzn-ErrorType} header or a stream's
     * {@code :exception-type}: ValidationException, AccessDeniedException, ResourceNotFoundException,
     * ThrottlingException, ServiceUnavailableException, ModelTimeoutException or InternalServerException.
     */
    public static String errorType(GatewayException failure) {
        int status = failure.status();
        if (status == 401 || status == 403) {
            return "AccessDeniedException";
        }
        return switch (status) {
            case 400, 402, 409, 413 -> "ValidationException";
            case 404 -> "ResourceNotFoundException";
            case 429 -> "ThrottlingException";
            case 503 -> "ServiceUnavailableException";
            case 504 -> "ModelTimeoutException";
            default -> "InternalServerException";
        };
    }

    /** Bedrock's error body for a failure: {@code {"message": ...}}. */
    public static byte[] errorBody(GatewayException failure) {
        return Json.bytes(Trees.object().put("message", failure.getMessage()));
    }
}
