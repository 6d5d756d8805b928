package io.tollgate.node.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.SseEvent;
import java.util.Set;

/**
 * The error shapes: OpenAI's {@code {"error":{"message","type","param","code"}}} and Anthropic's
 * {@code {"type":"error","error":{"type","message"}}}, as bodies and as stream events. An upstream's own error type
 * is kept when it means something in the client's dialect; otherwise the type follows the status.
 */
public final class ErrorBodies {

    private static final Set<String> ANTHROPIC_TYPES = Set.of("invalid_request_error", "authentication_error",
            "billing_error", "permission_error", "not_found_error", "request_too_large", "rate_limit_error",
            "api_error", "overloaded_error", "timeout_error");

    private ErrorBodies() {
    }

    /** The error body for a client of this dialect. */
    public static byte[] body(Dialect dialect, GatewayException error) {
        return Json.bytes(tree(dialect, error));
    }

    /** The error as a stream event for a client of this dialect. */
    public static SseEvent event(Dialect dialect, GatewayException error) {
        String data = Json.string(tree(dialect, error));
        return dialect == Dialect.ANTHROPIC ? SseEvent.named("error", data) : SseEvent.data(data);
    }

    /**
     * The error as a stream event for a client of this dialect and operation: a Responses API stream gets its own
     * {@code error} event ({@code {"type":"error","code","message","param"}}).
     */
    public static SseEvent event(Dialect dialect, io.tollgate.adapters.Operation operation, GatewayException error) {
        if (operation != io.tollgate.adapters.Operation.RESPONSES) {
            return event(dialect, error);
        }
        ObjectNode inner = (ObjectNode) tree(dialect, error).get("error");
        ObjectNode event = Json.object().put("type", "error");
        event.set("code", inner.get("code").isNull() ? inner.get("type") : inner.get("code"));
        event.set("message", inner.get("message"));
        event.set("param", inner.get("param"));
        return SseEvent.named("error", Json.string(event));
    }

    private static ObjectNode tree(Dialect dialect, GatewayException error) {
        String message = error.getMessage() == null ? "error" : error.getMessage();
        ObjectNode root = Json.object();
        if (dialect == Dialect.ANTHROPIC) {
            root.put("type", "error");
            ObjectNode inner = root.putObject("error");
            inner.put("type", anthropicType(error));
            inner.put("message", message);
            return root;
        }
        ObjectNode inner = root.putObject("error");
        inner.put("message", message);
        inner.put("type", openAiType(error));
        error.param().ifPresentOrElse(p -> inner.put("param", p), () -> inner.putNull("param"));
        error.code().ifPresentOrElse(c -> inner.put("code", c), () -> inner.putNull("code"));
        return root;
    }

    private static String anthropicType(GatewayException error) {
        if (error.kind() != ErrorKind.UPSTREAM_ERROR) {
            return error.kind().anthropicType();
        }
        return error.upstreamType().filter(ANTHROPIC_TYPES::contains).orElseGet(() -> switch (error.status()) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            default -> "api_error";
        });
    }

    private static String openAiType(GatewayException error) {
        if (error.kind() != ErrorKind.UPSTREAM_ERROR) {
            return error.kind().openAiType();
        }
        return error.upstreamType().orElseGet(() -> switch (error.status()) {
            case 400, 404, 413 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 429 -> "rate_limit_error";
            default -> error.status() >= 500 ? "server_error" : "invalid_request_error";
        });
    }
}
