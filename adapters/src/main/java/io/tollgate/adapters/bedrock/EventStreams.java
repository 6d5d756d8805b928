package io.tollgate.adapters.bedrock;

import io.tollgate.adapters.Json;
import io.tollgate.adapters.SseEvent;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/**
 * The {@code application/vnd.amazon.eventstream} framing of Bedrock's streams, both ways, on the AWS SDK's codec.
 * A frame is a prelude (total length, headers length, prelude CRC32), typed headers, a payload and a message
 * CRC32. Stateless; safe from any thread.
 */
public final class EventStreams {

    /** The content type of an event-stream body. */
    public static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";

    private EventStreams() {
    }

    /**
     * Wraps a ConverseStream response body so that it reads as server-sent events: each event message becomes
     * {@code event: <:event-type>} with the payload as data, each exception message {@code event: <:exception-type>}
     * with its {@code {"message": ...}} payload, each error message {@code event: error} with
     * {@code {"message", "code"}}. An event is readable as soon as its frame is whole, whatever the read sizes.
     * Reads throw {@link io.tollgate.adapters.GatewayException} ({@code UPSTREAM_ERROR}) for a frame whose length or
     * CRC is wrong, and pass on the body's {@link java.io.IOException}s. Closing it closes the body. Not
     * thread-safe.
     *
     * @param eventStream the binary body; owned by the returned stream
     */
    public static InputStream sse(InputStream eventStream) {
        return new EventStreamSse(eventStream);
    }

    /**
     * Frames one event: {@code :event-type} the event's name, {@code :content-type application/json},
     * {@code :message-type event}, the data as payload.
     */
    public static byte[] encode(SseEvent event) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":event-type", HeaderValue.fromString(event.event()));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString("event"));
        return bytes(new Message(headers, event.data().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Frames an exception: {@code :exception-type} the type ({@code throttlingException}, ...),
     * {@code :content-type application/json}, {@code :message-type exception}, {@code {"message": ...}} as payload.
     */
    public static byte[] encodeException(String exceptionType, String message) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":exception-type", HeaderValue.fromString(exceptionType));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString("exception"));
        return bytes(new Message(headers, Json.bytes(Trees.object().put("message", message))));
    }

    private static byte[] bytes(Message message) {
        ByteBuffer buffer = message.toByteBuffer();
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }
}
