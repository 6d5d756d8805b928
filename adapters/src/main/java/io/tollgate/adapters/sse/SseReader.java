package io.tollgate.adapters.sse;

import io.tollgate.adapters.SseEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads server-sent events from a byte stream as they arrive, one event per {@link #next()} call, without waiting
 * for more of the stream than the event needs. Handles {@code \n}, {@code \r\n} and {@code \r} line ends, multi-line
 * data and comments (skipped). Not thread-safe.
 */
public final class SseReader {

    private final InputStream in;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    private boolean lastWasCr;
    private byte[] line = new byte[256];
    private int lineLength;

    private SseReader(InputStream in) {
        this.in = in;
    }

    /** A reader over this stream; the caller keeps ownership of the stream. */
    public static SseReader create(InputStream in) {
        return new SseReader(in);
    }

    /**
     * The next event, or empty at the end of the stream. An event cut off by the end of the stream is returned if it
     * had data.
     *
     * @throws IOException when reading fails
     */
    public Optional<SseEvent> next() throws IOException {
        String event = "";
        StringBuilder data = null;
        while (true) {
            String text = readLine();
            if (text == null) {
                return data == null ? Optional.empty() : Optional.of(new SseEvent(event, data.toString()));
            }
            if (text.isEmpty()) {
                if (data != null) {
                    return Optional.of(new SseEvent(event, data.toString()));
                }
                event = "";
                continue;
            }
            if (text.charAt(0) == ':') {
                continue;
            }
            int colon = text.indexOf(':');
            String field = colon < 0 ? text : text.substring(0, colon);
            String value = colon < 0 ? "" : text.substring(colon + 1);
            if (!value.isEmpty() && value.charAt(0) == ' ') {
                value = value.substring(1);
            }
            if (field.equals("data")) {
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            } else if (field.equals("event")) {
                event = value;
            }
        }
    }

    private String readLine() throws IOException {
        lineLength = 0;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return lineLength == 0 ? null : text();
                }
            }
            byte b = buffer[position++];
            if (b == '\n') {
                if (lastWasCr) {
                    lastWasCr = false;
                    continue;
                }
                return text();
            }
            lastWasCr = b == '\r';
            if (lastWasCr) {
                return text();
            }
            if (lineLength == line.length) {
                byte[] bigger = new byte[line.length * 2];
                System.arraycopy(line, 0, bigger, 0, lineLength);
                line = bigger;
            }
            line[lineLength++] = b;
        }
    }

    private String text() {
        return new String(line, 0, lineLength, StandardCharsets.UTF_8);
    }
}
