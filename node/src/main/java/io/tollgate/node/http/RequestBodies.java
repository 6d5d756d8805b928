package io.tollgate.node.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads request bodies up to {@code server.max_body_bytes}; larger ones get 413 before they are buffered. */
final class RequestBodies {

    private final long maxBytes;

    RequestBodies(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    byte[] read(ServerRequest request) {
        long declared = request.headers().first(HeaderNames.CONTENT_LENGTH).map(RequestBodies::parse).orElse(-1L);
        if (declared > maxBytes) {
            throw tooLarge(declared);
        }
        if (!request.content().hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = request.content().inputStream()) {
            if (declared >= 0 && declared <= Integer.MAX_VALUE - 8 && identityCoded(request)) {
                // the server ends the entity at its declared length; an unsized read would take a 16 KB buffer
                byte[] body = new byte[(int) declared];
                int read = in.readNBytes(body, 0, body.length);
                if (read < body.length) {
                    throw GatewayException.of(ErrorKind.INVALID_REQUEST, "The request body ended after " + read
                            + " of its " + declared + " bytes.");
                }
                return body;
            }
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (body.length > maxBytes) {
                throw tooLarge(body.length);
            }
            return body;
        } catch (IOException | UncheckedIOException e) {
            throw GatewayException.of(ErrorKind.INVALID_REQUEST, "The request body could not be read.", e);
        }
    }

    private GatewayException tooLarge(long size) {
        return GatewayException.of(ErrorKind.PAYLOAD_TOO_LARGE, "The request body" + (size > 0 ? " (" + size
                + " bytes)" : "") + " is larger than the limit of " + maxBytes + " bytes (server.max_body_bytes).")
                .withCode("request_too_large");
    }

    /** Whether the body's bytes are the bytes sent: no content coding the server might undo while reading. */
    private static boolean identityCoded(ServerRequest request) {
        return request.headers().first(HeaderNames.CONTENT_ENCODING)
                .map(coding -> coding.strip().equalsIgnoreCase("identity")).orElse(true);
    }

    private static long parse(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
