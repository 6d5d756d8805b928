package io.tollgate.node.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads request bodies up to {@code server.max_body_bytes}; larger ones get 413 before they are buffered, whether
 * they declare their length or come chunked. A body that has not arrived within {@code server.body_timeout_ms}
 * (a slow or stalled client) is cut: the reading thread is interrupted, which closes the connection.
 */
final class RequestBodies {

    private final long maxBytes;
    private final Deadlines deadlines;

    RequestBodies(long maxBytes, Deadlines deadlines) {
        this.maxBytes = maxBytes;
        this.deadlines = deadlines;
    }

    byte[] read(ServerRequest request) {
        long declared = request.headers().first(HeaderNames.CONTENT_LENGTH).map(RequestBodies::parse).orElse(-1L);
        if (declared > maxBytes) {
            throw tooLarge(declared);
        }
        if (!request.content().hasEntity()) {
            return new byte[0];
        }
        Alarm alarm = new Alarm(Thread.currentThread());
        deadlines.open(alarm, alarm::ring);
        byte[] body;
        try {
            body = entity(request, declared);
        } catch (GatewayException e) {
            throw alarm.stop() ? e : tooSlow(e);
        } finally {
            deadlines.close(alarm);
        }
        if (!alarm.stop()) {
            throw tooSlow(null);
        }
        return body;
    }

    private byte[] entity(ServerRequest request, long declared) {
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
        } catch (GatewayException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // the client went away, sent a broken chunk or a body its content coding cannot decode
            throw GatewayException.of(ErrorKind.INVALID_REQUEST, "The request body could not be read.", e);
        }
    }

    private GatewayException tooLarge(long size) {
        return GatewayException.of(ErrorKind.PAYLOAD_TOO_LARGE, "The request body" + (size > 0 ? " (" + size
                + " bytes)" : "") + " is larger than the limit of " + maxBytes + " bytes (server.max_body_bytes).")
                .withCode("request_too_large");
    }

    private GatewayException tooSlow(Exception cause) {
        Thread.interrupted();   // the alarm's interrupt is spent: the connection is closed
        return GatewayException.of(ErrorKind.INVALID_REQUEST, "The request body did not arrive within "
                + deadlines.timeout().toMillis() + " ms (server.body_timeout_ms).", cause).withCode("request_timeout");
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

    /**
     * Interrupts the reading thread once, unless the read stopped it first; once {@link #stop()} returned, no
     * interrupt can still come.
     */
    private static final class Alarm {
        private final Thread reader;
        private boolean stopped;
        private boolean rung;

        Alarm(Thread reader) {
            this.reader = reader;
        }

        synchronized void ring() {
            if (!stopped) {
                rung = true;
                reader.interrupt();
            }
        }

        /** True when the read ended before the alarm rang. */
        synchronized boolean stop() {
            stopped = true;
            return !rung;
        }
    }
}
