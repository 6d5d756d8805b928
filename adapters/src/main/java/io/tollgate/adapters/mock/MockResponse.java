package io.tollgate.adapters.mock;

import io.tollgate.adapters.spi.UpstreamResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A mock upstream response whose body is a list of parts handed out one at a time, with a pause before every part
 * after the first, so a stream really arrives piece by piece.
 */
final class MockResponse implements UpstreamResponse {

    private final int status;
    private final Map<String, String> headers;
    private final PartStream body;

    private MockResponse(int status, Map<String, String> headers, List<String> parts, long pauseMs) {
        this.status = status;
        this.headers = Map.copyOf(headers);
        this.body = new PartStream(parts, pauseMs);
    }

    static MockResponse of(int status, Map<String, String> headers, List<String> parts, long pauseMs) {
        return new MockResponse(status, headers, parts, pauseMs);
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    @Override
    public InputStream body() {
        return body;
    }

    @Override
    public boolean timedOut() {
        return false;
    }

    @Override
    public void close() {
        body.close();
    }

    private static final class PartStream extends InputStream {
        private final List<String> parts;
        private final long pauseMs;
        private int next;
        private byte[] current = new byte[0];
        private int position;
        private volatile boolean closed;

        PartStream(List<String> parts, long pauseMs) {
            this.parts = parts;
            this.pauseMs = pauseMs;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (closed) {
                throw new IOException("stream closed");
            }
            if (position == current.length) {
                if (next == parts.size()) {
                    return -1;
                }
                if (next > 0 && pauseMs > 0) {
                    pause();
                }
                current = parts.get(next++).getBytes(StandardCharsets.UTF_8);
                position = 0;
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, target, offset, n);
            position += n;
            return n;
        }

        private void pause() throws IOException {
            try {
                Thread.sleep(pauseMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
