package io.tollgate.adapters.bedrock;

import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.SseEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;
import software.amazon.awssdk.eventstream.MessageDecoder;

/**
 * Reads an {@code application/vnd.amazon.eventstream} body and gives its messages as SSE text, one event per
 * message, as soon as the message's last byte arrived. The AWS SDK's decoder checks both CRCs of every frame.
 * Not thread-safe.
 */
final class EventStreamSse extends InputStream {

    private final InputStream in;
    private final ArrayDeque<Message> decoded = new ArrayDeque<>();
    private final MessageDecoder decoder = new MessageDecoder(decoded::add);
    private final byte[] chunk = new byte[8192];
    private byte[] pending = new byte[0];
    private int position;
    private boolean ended;

    EventStreamSse(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position == pending.length) {
            if (!decoded.isEmpty()) {
                pending = wire(decoded.poll());
                position = 0;
            } else if (ended) {
                return -1;
            } else {
                fill();
            }
        }
        int n = Math.min(length, pending.length - position);
        System.arraycopy(pending, position, buffer, offset, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return pending.length - position;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void fill() throws IOException {
        int n = in.read(chunk, 0, chunk.length);
        if (n < 0) {
            ended = true;
            return;
        }
        try {
            decoder.feed(chunk, 0, n);
        } catch (RuntimeException e) {
            // the SDK's decoder throws IllegalArgumentException for a bad length or CRC, but whatever else it throws
            // (BufferUnderflowException for headers cut short inside a frame whose CRCs are right) is a corrupt frame
            throw corrupt(e);
        }
    }

    private byte[] wire(Message message) {
        try {
            return sse(message).toWire().getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            throw corrupt(e);   // a header of another type where a string belongs
        }
    }

    private GatewayException corrupt(RuntimeException e) {
        ended = true;
        decoded.clear();
        String why = e instanceof IllegalArgumentException && e.getMessage() != null ? e.getMessage()
                : "malformed headers";
        return GatewayException.of(ErrorKind.UPSTREAM_ERROR, "Bedrock sent a corrupt event-stream frame: " + why, e);
    }

    /**
     * One message as an event: {@code :event-type} and the payload for events, {@code :exception-type} and the
     * payload for exceptions, {@code error} with {@code {"message", "code"}} for error messages.
     */
    static SseEvent sse(Message message) {
        Map<String, HeaderValue> headers = message.getHeaders();
        String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
        String kind = text(headers, ":message-type", "event");
        return switch (kind) {
            case "exception" -> SseEvent.named(text(headers, ":exception-type", "unknownException"),
                    payload.isEmpty() ? "{}" : payload);
            case "error" -> SseEvent.named("error", Json.string(Trees.object()
                    .put("message", text(headers, ":error-message", ""))
                    .put("code", text(headers, ":error-code", ""))));
            default -> SseEvent.named(text(headers, ":event-type", ""), payload.isEmpty() ? "{}" : payload);
        };
    }

    private static String text(Map<String, HeaderValue> headers, String name, String fallback) {
        HeaderValue value = headers.get(name);
        return value == null ? fallback : value.getString();
    }
}
