package io.tollgate.adapters.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.translate.Json;
import io.tollgate.adapters.translate.UpstreamErrors;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gemini error bodies ({@code {"error":{"code":400,"message":"...","status":"INVALID_ARGUMENT","details":[...]}}},
 * the google.rpc.Status shape of Google APIs) as {@link GatewayException}s. Pure functions; safe from any thread.
 *
 * <p>The exception is always {@link ErrorKind#UPSTREAM_ERROR} with the upstream's HTTP status, because that is what
 * the pipeline's failover and key health read; {@link #kind(String)} says which gateway kind a Google status
 * stands for, for callers that want to classify. The Google status becomes the exception's code; a
 * {@code google.rpc.RetryInfo} detail ({@code "retryDelay": "38s"}) becomes its retry-after.
 */
public final class GeminiErrors {

    private static final Pattern SECONDS = Pattern.compile("^(\\d+)(?:\\.\\d+)?s$");

    private GeminiErrors() {
    }

    /**
     * Reads an HTTP error body of a Gemini upstream.
     *
     * @param status the upstream's HTTP status
     * @param body the raw body, possibly empty or not JSON
     * @return an {@link ErrorKind#UPSTREAM_ERROR} exception, never thrown here
     */
    public static GatewayException parse(int status, byte[] body) {
        GatewayException error = UpstreamErrors.parse(status, body, Dialect.OPENAI);
        return decorate(error, Json.parseLenient(body).path("error"));
    }

    /**
     * The exception for an error object inside a stream event ({@code data: {"error": {...}}}); the status is
     * the error's numeric {@code code} when it is an HTTP status, else the one its Google status stands for.
     */
    static GatewayException fromEvent(JsonNode event) {
        JsonNode error = event.path("error");
        JsonNode code = error.path("code");
        int status = code.canConvertToInt() && code.asInt() >= 400 && code.asInt() <= 599
                ? code.asInt() : httpStatus(Json.text(error, "status", ""));
        return parse(status, Json.write(event).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The gateway kind a Google status stands for: INVALID_ARGUMENT, FAILED_PRECONDITION and OUT_OF_RANGE an
     * invalid request, UNAUTHENTICATED authentication, PERMISSION_DENIED permission, NOT_FOUND not found,
     * RESOURCE_EXHAUSTED rate limited, UNAVAILABLE unavailable, DEADLINE_EXCEEDED an upstream timeout, anything
     * else an upstream error.
     */
    public static ErrorKind kind(String googleStatus) {
        return switch (googleStatus) {
            case "INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE" -> ErrorKind.INVALID_REQUEST;
            case "UNAUTHENTICATED" -> ErrorKind.AUTHENTICATION;
            case "PERMISSION_DENIED" -> ErrorKind.PERMISSION;
            case "NOT_FOUND" -> ErrorKind.NOT_FOUND;
            case "RESOURCE_EXHAUSTED" -> ErrorKind.RATE_LIMITED;
            case "UNAVAILABLE" -> ErrorKind.UNAVAILABLE;
            case "DEADLINE_EXCEEDED" -> ErrorKind.UPSTREAM_TIMEOUT;
            default -> ErrorKind.UPSTREAM_ERROR;
        };
    }

    /** The HTTP status Google maps a status name to (the google.rpc.Code table); 502 for unknown ones. */
    static int httpStatus(String googleStatus) {
        return switch (googleStatus) {
            case "INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE" -> 400;
            case "UNAUTHENTICATED" -> 401;
            case "PERMISSION_DENIED" -> 403;
            case "NOT_FOUND" -> 404;
            case "ABORTED", "ALREADY_EXISTS" -> 409;
            case "RESOURCE_EXHAUSTED" -> 429;
            case "CANCELLED" -> 499;
            case "UNIMPLEMENTED" -> 501;
            case "UNAVAILABLE" -> 503;
            case "DEADLINE_EXCEEDED" -> 504;
            default -> 502;
        };
    }

    private static GatewayException decorate(GatewayException error, JsonNode googleError) {
        String googleStatus = Json.text(googleError, "status", "");
        GatewayException out = googleStatus.isEmpty() ? error : error.withCode(googleStatus);
        for (JsonNode detail : googleError.path("details")) {
            if (Json.text(detail, "@type", "").endsWith("google.rpc.RetryInfo")) {
                Matcher m = SECONDS.matcher(Json.text(detail, "retryDelay", ""));
                if (m.matches()) {
                    out = out.withRetryAfter(Duration.ofSeconds(Long.parseLong(m.group(1))));
                }
            }
        }
        return out;
    }
}
