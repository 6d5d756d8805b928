package io.tollgate.node.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.SseEvent;
import io.tollgate.adapters.StreamTranslator;
import io.tollgate.adapters.gemini.GeminiToOpenAi;
import java.nio.charset.StandardCharsets;

/**
 * Google's Gemini API format on {@code /genai/v1beta/models/{model}:generateContent} and
 * {@code :streamGenerateContent}, what Google's SDKs send with a base URL swap. Errors take Google's shape:
 * {@code {"error":{"code":..., "message":..., "status":...}}} with the gRPC status name for the HTTP status.
 */
final class GeminiFormat implements NativeFormat {

    @Override
    public ObjectNode toOpenAi(ObjectNode body, String model, boolean stream) {
        return GeminiToOpenAi.request(body, model, stream);
    }

    @Override
    public byte[] fromOpenAi(byte[] completion, String model, String requestId) {
        return Json.bytes(GeminiToOpenAi.response(Json.parseObject(completion), model, requestId).body());
    }

    @Override
    public StreamTranslator stream(String model, String requestId) {
        return GeminiToOpenAi.stream(model, requestId);
    }

    @Override
    public String streamContentType() {
        return "text/event-stream; charset=utf-8";
    }

    @Override
    public byte[] encode(SseEvent event) {
        return event.toWire().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] error(GatewayException error) {
        ObjectNode body = Json.object();
        ObjectNode inner = body.putObject("error");
        inner.put("code", error.status());
        inner.put("message", error.getMessage());
        inner.put("status", status(error.status()));
        return Json.bytes(body);
    }

    /** Google's canonical status name for an HTTP status. */
    static String status(int http) {
        return switch (http) {
            case 400, 413 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 402 -> "FAILED_PRECONDITION";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 409 -> "ABORTED";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 499 -> "CANCELLED";
            case 501 -> "UNIMPLEMENTED";
            case 502, 503 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> http >= 500 ? "INTERNAL" : "FAILED_PRECONDITION";
        };
    }
}
