package io.tollgate.adapters;

/**
 * The kinds of failure a request can end in, each with its HTTP status and the error type names the OpenAI and
 * Anthropic error shapes use. This is the one table that maps failures to statuses.
 */
public enum ErrorKind {
    /** Malformed JSON, missing or mistyped fields. */
    INVALID_REQUEST(400, "invalid_request_error", "invalid_request_error"),
    /** Missing or unknown credentials. */
    AUTHENTICATION(401, "authentication_error", "authentication_error"),
    /** A budget cannot pay for the request. */
    BUDGET_EXCEEDED(402, "insufficient_quota", "billing_error"),
    /** Known credentials that may not do this. */
    PERMISSION(403, "permission_error", "permission_error"),
    /** Unknown provider, model or route. */
    NOT_FOUND(404, "invalid_request_error", "not_found_error"),
    /** A name or state that conflicts with an existing one (management API). */
    CONFLICT(409, "conflict_error", "invalid_request_error"),
    /** Body larger than {@code server.max_body_bytes}. */
    PAYLOAD_TOO_LARGE(413, "invalid_request_error", "request_too_large"),
    /** A rate limit is exhausted. */
    RATE_LIMITED(429, "rate_limit_error", "rate_limit_error"),
    /** A fault inside the gateway. */
    INTERNAL(500, "server_error", "api_error"),
    /** The upstream answered with an error; the exception carries the upstream's status. */
    UPSTREAM_ERROR(502, "upstream_error", "api_error"),
    /** The upstream could not be reached. */
    UPSTREAM_UNREACHABLE(502, "upstream_unreachable", "api_error"),
    /** The gateway cannot serve now (state unavailable, shutting down). */
    UNAVAILABLE(503, "service_unavailable", "overloaded_error"),
    /** The upstream did not answer in time. */
    UPSTREAM_TIMEOUT(504, "upstream_timeout", "api_error");

    private final int status;
    private final String openAiType;
    private final String anthropicType;

    ErrorKind(int status, String openAiType, String anthropicType) {
        this.status = status;
        this.openAiType = openAiType;
        this.anthropicType = anthropicType;
    }

    /** The HTTP status, unless the exception carries an upstream's own. */
    public int status() {
        return status;
    }

    /** The {@code error.type} in OpenAI's shape. */
    public String openAiType() {
        return openAiType;
    }

    /** The {@code error.type} in Anthropic's shape. */
    public String anthropicType() {
        return anthropicType;
    }
}
