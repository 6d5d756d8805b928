package io.tollgate.adapters;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The one unchecked exception for faults on the request path. Only a route's error writer turns it into JSON, in
 * the shape of the route's dialect. Messages are shown to clients: they must never contain a secret.
 */
public final class GatewayException extends RuntimeException {

    private final ErrorKind kind;
    private final int status;
    private final String code;
    private final String param;
    private final String upstreamType;
    private final Duration retryAfter;

    private GatewayException(ErrorKind kind, int status, String message, String code, String param,
                             String upstreamType, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.status = status;
        this.code = code;
        this.param = param;
        this.upstreamType = upstreamType;
        this.retryAfter = retryAfter;
    }

    /** A failure of the given kind with its default status. */
    public static GatewayException of(ErrorKind kind, String message) {
        return new GatewayException(kind, kind.status(), message, "", "", "", Duration.ZERO, null);
    }

    /** A failure of the given kind caused by another exception (kept for logs, never shown to clients). */
    public static GatewayException of(ErrorKind kind, String message, Throwable cause) {
        return new GatewayException(kind, kind.status(), message, "", "", "", Duration.ZERO, cause);
    }

    /** A 400 about one request field. */
    public static GatewayException invalid(String param, String message) {
        return new GatewayException(ErrorKind.INVALID_REQUEST, 400, message, "", param, "", Duration.ZERO, null);
    }

    /**
     * An error the upstream answered with, keeping its status and message.
     *
     * @param status the upstream's HTTP status
     * @param message the upstream's message; when it is blank, one naming the status (clients always get one)
     * @param upstreamType the upstream's own error type ({@code invalid_request_error}, ...), empty if unknown
     */
    public static GatewayException upstream(int status, String message, String upstreamType) {
        String shown = message == null || message.isBlank()
                ? "The upstream answered with an error (status " + status + ") and no message." : message;
        return new GatewayException(ErrorKind.UPSTREAM_ERROR, status, shown, "", "", upstreamType, Duration.ZERO,
                null);
    }

    /** A copy with an error code ({@code model_not_found}, ...). */
    public GatewayException withCode(String newCode) {
        return new GatewayException(kind, status, getMessage(), newCode, param, upstreamType, retryAfter, getCause());
    }

    /** A copy with another message (the same kind, status, code and cause). */
    public GatewayException withMessage(String newMessage) {
        return new GatewayException(kind, status, newMessage, code, param, upstreamType, retryAfter, getCause());
    }

    /** A copy that tells the client when to retry. */
    public GatewayException withRetryAfter(Duration after) {
        return new GatewayException(kind, status, getMessage(), code, param, upstreamType, after, getCause());
    }

    /** What went wrong. */
    public ErrorKind kind() {
        return kind;
    }

    /** The HTTP status to answer with. */
    public int status() {
        return status;
    }

    /** A machine-readable code, if any. */
    public Optional<String> code() {
        return code.isEmpty() ? Optional.empty() : Optional.of(code);
    }

    /** The request field at fault, if any. */
    public Optional<String> param() {
        return param.isEmpty() ? Optional.empty() : Optional.of(param);
    }

    /** The upstream's own error type, if this relays an upstream error. */
    public Optional<String> upstreamType() {
        return upstreamType.isEmpty() ? Optional.empty() : Optional.of(upstreamType);
    }

    /** When the client may retry, if known. */
    public Optional<Duration> retryAfter() {
        return retryAfter.isZero() ? Optional.empty() : Optional.of(retryAfter);
    }
}
