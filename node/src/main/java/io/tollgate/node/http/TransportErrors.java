package io.tollgate.node.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;

/**
 * Answers what the server refuses before any route runs — a malformed first line, a header too long or too many
 * headers, a broken chunked encoding — in the error shape of the route the path names ({@link RouteErrors}), not
 * as Helidon's plain text: 413 for a body too large, 400 for every other refusal (a head over the size limits
 * included), and the connection closed. A request head Helidon fails on with an exception of its own (a method name
 * with a non-ASCII letter) is the client's fault too: 400, not the 500 Helidon gives it. Stateless.
 */
final class TransportErrors implements DirectHandler {

    private TransportErrors() {
    }

    /** The handlers of every transport event. */
    static DirectHandlers handlers() {
        TransportErrors errors = new TransportErrors();
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (EventType type : EventType.values()) {
            builder.addHandler(type, errors);
        }
        return builder.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType type, Status status,
                                    ServerResponseHeaders headers, String message) {
        GatewayException error = error(request, type, status.code());
        RouteErrors.Answer answer = RouteErrors.of(request.path(), error);
        TransportResponse.Builder response = TransportResponse.builder()
                .status(Status.create(error.status()))
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .keepAlive(false)
                .entity(answer.body());
        answer.headers().forEach((name, value) -> response.header(HeaderNameCache.of(name), value));
        return response.build();
    }

    /**
     * The refusal: 413 and 503 as they are; 500 for a fault in a request that was read (a route's failure); 400
     * for everything else, a request head Helidon failed on with an exception of its own included.
     */
    private static GatewayException error(TransportRequest request, EventType type, int status) {
        if (status == 413) {
            return GatewayException.of(ErrorKind.PAYLOAD_TOO_LARGE, "The request body is too large.");
        }
        if (status == 503) {
            return GatewayException.of(ErrorKind.UNAVAILABLE, "The server is busy; try again.");
        }
        if (type == EventType.INTERNAL_ERROR && request != TransportRequest.empty()) {
            return GatewayException.of(ErrorKind.INTERNAL, "The server failed to handle the request.");
        }
        if (type == EventType.HTTP_VERSION_NOT_SUPPORTED) {
            return GatewayException.of(ErrorKind.INVALID_REQUEST, "This server speaks HTTP/1.1; send the request "
                    + "as HTTP/1.1.").withCode("unsupported_http_version");
        }
        return GatewayException.of(ErrorKind.INVALID_REQUEST, "The request could not be read: its first line or "
                + "headers are malformed, or larger than " + ClientLimits.MAX_PROLOGUE_BYTES / 1024 + " KiB and "
                + ClientLimits.MAX_HEADERS_BYTES / 1024 + " KiB.").withCode("malformed_request");
    }
}
