package io.tollgate.adapters.translate;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.GatewayException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Turns what an upstream answered with when it failed into a {@link GatewayException}: HTTP error bodies, and the
 * error events of a stream. Pure functions; safe from any thread.
 *
 * <p>Messages are shown to clients, so anything that looks like an API key ({@code sk-...}, as OpenAI echoes a
 * wrong key back) is masked, and a body that is not JSON contributes at most its first 200 characters.
 */
public final class UpstreamErrors {

    /** The most characters of a non-JSON body a message quotes. */
    static final int SNIPPET_CHARS = 200;

    private static final Pattern KEY_LIKE = Pattern.compile("\\bsk-[A-Za-z0-9_*\\-]{6,}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private UpstreamErrors() {
    }

    /**
     * Reads an upstream's error body. Both shapes are understood whatever the dialect: OpenAI's
     * {@code {"error":{"message","type","code"}}} and Anthropic's {@code {"type":"error","error":{"type","message"}}};
     * so are the looser shapes of OpenAI-compatible servers ({@code {"error":"text"}}, {@code {"message":...}},
     * {@code {"detail":...}}). The upstream type is {@code error.type}, for OpenAI falling back to a string
     * {@code error.code}.
     *
     * @param status the upstream's HTTP status, kept as the exception's status
     * @param body the raw body, possibly empty or not JSON
     * @param dialect the upstream's dialect
     * @return an {@link io.tollgate.adapters.ErrorKind#UPSTREAM_ERROR} exception, never thrown here
     */
    public static GatewayException parse(int status, byte[] body, Dialect dialect) {
        JsonNode node = Json.parseLenient(body);
        JsonNode error = node.path("error");
        String message = "";
        String type = "";
        if (error.isObject()) {
            message = Json.text(error, "message", "");
            type = Json.text(error, "type", dialect == Dialect.OPENAI ? Json.text(error, "code", "") : "");
        } else if (error.isTextual()) {
            message = error.textValue();
        } else if (node.isObject()) {
            message = Json.text(node, "message", Json.text(node, "detail", ""));
        }
        if (message.isBlank()) {
            message = generic(status, body);
        }
        return GatewayException.upstream(status, redact(message), type);
    }

    /**
     * The exception for an Anthropic {@code error} event ({@code {"type":"error","error":{"type","message"}}}).
     * The status comes from the error type: {@code overloaded_error} 503 (Anthropic's own 529 is unknown to most
     * HTTP clients), {@code rate_limit_error} 429, {@code invalid_request_error} 400, {@code api_error} 502, the
     * others as Anthropic documents them, anything unknown 502.
     */
    static GatewayException fromAnthropicEvent(JsonNode event) {
        JsonNode error = event.path("error");
        String type = Json.text(error, "type", "");
        String message = Json.text(error, "message", "");
        return GatewayException.upstream(anthropicStatus(type),
                redact(message.isBlank() ? "upstream stream failed with " + type : message), type);
    }

    /**
     * The exception for an OpenAI error chunk ({@code {"error":{"message","type","code"}}}). The status is a
     * numeric {@code code} in 400..599 when a compatible server sends one, else derived from the type.
     */
    static GatewayException fromOpenAiChunk(JsonNode chunk) {
        JsonNode error = chunk.path("error");
        if (error.isTextual()) {
            return GatewayException.upstream(502, redact(error.textValue()), "");
        }
        String type = Json.text(error, "type", Json.text(error, "code", ""));
        String message = Json.text(error, "message", "");
        JsonNode code = error.path("code");
        int status = code.canConvertToInt() && code.asInt() >= 400 && code.asInt() <= 599
                ? code.asInt() : openAiStatus(type);
        return GatewayException.upstream(status,
                redact(message.isBlank() ? "upstream stream failed" : message), type);
    }

    static int anthropicStatus(String type) {
        return switch (type) {
            case "invalid_request_error" -> 400;
            case "authentication_error" -> 401;
            case "billing_error" -> 402;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "request_too_large" -> 413;
            case "rate_limit_error" -> 429;
            case "overloaded_error" -> 503;
            case "timeout_error" -> 504;
            default -> 502;
        };
    }

    private static int openAiStatus(String type) {
        return switch (type) {
            case "invalid_request_error" -> 400;
            case "authentication_error", "invalid_api_key" -> 401;
            case "permission_error" -> 403;
            case "rate_limit_error", "rate_limit_exceeded", "insufficient_quota" -> 429;
            default -> 502;
        };
    }

    private static String generic(int status, byte[] body) {
        String prefix = "upstream answered HTTP " + status;
        if (body.length == 0) {
            return prefix + " with an empty body";
        }
        String text = new String(body, 0, Math.min(body.length, SNIPPET_CHARS * 4), StandardCharsets.UTF_8);
        text = WHITESPACE.matcher(text).replaceAll(" ").strip();
        if (text.length() > SNIPPET_CHARS) {
            int end = Character.isHighSurrogate(text.charAt(SNIPPET_CHARS - 1)) ? SNIPPET_CHARS - 1 : SNIPPET_CHARS;
            text = text.substring(0, end);
        }
        return text.isEmpty() ? prefix : prefix + ": " + text;
    }

    private static String redact(String message) {
        return KEY_LIKE.matcher(message).replaceAll("sk-***");
    }
}
