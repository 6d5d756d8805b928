package io.tollgate.node.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import io.tollgate.node.pipeline.ClientChannel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A {@link ClientChannel} over a Helidon response. */
final class HelidonChannel implements ClientChannel {

    private final ServerResponse response;
    private boolean committed;

    HelidonChannel(ServerResponse response) {
        this.response = response;
    }

    @Override
    public void header(String name, String value) {
        response.header(HeaderNameCache.of(name), value);
    }

    @Override
    public void send(int status, String contentType, byte[] body) {
        committed = true;
        response.status(status);
        response.header(HeaderNames.CONTENT_TYPE, contentType);
        response.send(body);
    }

    @Override
    public EventSink startEvents() throws IOException {
        return new Sink(startRaw("text/event-stream; charset=utf-8"));
    }

    @Override
    public OutputStream startStream(String contentType) throws IOException {
        return startRaw(contentType);
    }

    /**
     * Commits a streamed response of another content type than server-sent events (a native route's binary or
     * translated stream) with status 200; the caller writes and closes the stream.
     *
     * @throws IOException when the client is gone
     */
    OutputStream startRaw(String contentType) throws IOException {
        committed = true;
        response.status(200);
        response.header(HeaderNames.CONTENT_TYPE, contentType);
        response.header(HeaderNames.CACHE_CONTROL, "no-cache");
        response.header(HeaderNameCache.of("x-accel-buffering"), "no");
        try {
            return response.outputStream();
        } catch (RuntimeException e) {
            throw new IOException("client gone", e);
        }
    }

    @Override
    public boolean committed() {
        return committed;
    }

    private static final class Sink implements EventSink {
        private final OutputStream out;
        private boolean closed;

        Sink(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(String wire) throws IOException {
            try {
                out.write(wire.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (RuntimeException e) {
                throw new IOException("client gone", e);
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                out.close();
            } catch (IOException | RuntimeException ignored) {
                // the client is gone; nothing to finish
            }
        }
    }
}
