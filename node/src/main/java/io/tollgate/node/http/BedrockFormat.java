package io.tollgate.node.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.SseEvent;
import io.tollgate.adapters.StreamTranslator;
import io.tollgate.adapters.bedrock.BedrockNative;
import io.tollgate.adapters.bedrock.EventStreams;
import java.time.Clock;
import java.util.Map;

/**
 * AWS Bedrock's Converse format on {@code /bedrock/model/{modelId}/converse} and {@code /converse-stream}, what the
 * AWS SDKs send with an endpoint override (and a Bedrock API key, the virtual key, as bearer token): a streamed
 * answer is Bedrock's binary event stream; errors are {@code {"message": ...}} with {@code x-amzn-ErrorType}.
 *
 * @param clock measures the {@code metrics.latencyMs} of streamed answers
 * @param defaultMaxTokens the output cap sent when the client's {@code inferenceConfig} sets none
 */
record BedrockFormat(Clock clock, long defaultMaxTokens) implements NativeFormat {

    @Override
    public ObjectNode toOpenAi(ObjectNode body, String model, boolean stream) {
        return BedrockNative.request(body, model, stream, defaultMaxTokens);
    }

    @Override
    public byte[] fromOpenAi(byte[] completion, String model, String requestId) {
        return Json.bytes(BedrockNative.response(Json.parseObject(completion), 0));
    }

    @Override
    public StreamTranslator stream(String model, String requestId) {
        return BedrockNative.stream(model, clock);
    }

    @Override
    public String streamContentType() {
        return EventStreams.CONTENT_TYPE;
    }

    @Override
    public byte[] encode(SseEvent event) {
        return EventStreams.encode(event);
    }

    @Override
    public byte[] error(GatewayException error) {
        return BedrockNative.errorBody(error);
    }

    @Override
    public Map<String, String> errorHeaders(GatewayException error) {
        return Map.of("x-amzn-errortype", BedrockNative.errorType(error));
    }

    @Override
    public SseEvent errorEvent(GatewayException error) {
        return SseEvent.named(BedrockNative.errorType(error), new String(error(error),
                java.nio.charset.StandardCharsets.UTF_8));
    }
}
