package io.tollgate.adapters.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.SseEvent;
import io.tollgate.adapters.fuzz.CutStream;
import io.tollgate.adapters.sse.SseReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** {@link EventStreams}: the binary event-stream framing, both ways, read through the gateway's SSE reader. */
class EventStreamsTest {

    private static final String DELTA = "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hello\"},\"p\":\"abc\"}";

    @Test
    void shouldDecodeAFrameBuiltByTheSpecificationWithEveryHeaderType() throws IOException {
        byte[] frame = specFrame(DELTA);

        List<SseEvent> events = read(EventStreams.sse(new ByteArrayInputStream(frame)));

        assertThat(events).containsExactly(SseEvent.named("contentBlockDelta", DELTA));
    }

    @Test
    void shouldDecodeAMultiFrameStreamSplitAcrossReads() throws IOException {
        byte[] stream = concat(EventStreams.encode(SseEvent.named("messageStart", "{\"role\":\"assistant\"}")),
                specFrame(DELTA),
                EventStreams.encode(SseEvent.named("messageStop", "{\"stopReason\":\"end_turn\"}")));

        List<SseEvent> events = read(EventStreams.sse(new CutStream(stream, List.of(7))));

        assertThat(events).containsExactly(SseEvent.named("messageStart", "{\"role\":\"assistant\"}"),
                SseEvent.named("contentBlockDelta", DELTA),
                SseEvent.named("messageStop", "{\"stopReason\":\"end_turn\"}"));
    }

    @Test
    void shouldGiveAnEventAsSoonAsItsFrameIsWhole() throws IOException {
        byte[] first = EventStreams.encode(SseEvent.named("messageStart", "{\"role\":\"assistant\"}"));
        InputStream source = new CutStream(concat(first, new byte[] {0, 0}), List.of(first.length));
        SseReader reader = SseReader.create(EventStreams.sse(source));

        assertThat(reader.next()).contains(SseEvent.named("messageStart", "{\"role\":\"assistant\"}"));
    }

    @Test
    void shouldTurnExceptionAndErrorMessagesIntoNamedEvents() throws IOException {
        byte[] stream = concat(EventStreams.encodeException("throttlingException", "Slow down"),
                frame(List.of(header(":message-type", "error"), header(":error-code", "InternalFailure"),
                        header(":error-message", "boom")), new byte[0]));

        List<SseEvent> events = read(EventStreams.sse(new ByteArrayInputStream(stream)));

        assertThat(events).containsExactly(SseEvent.named("throttlingException", "{\"message\":\"Slow down\"}"),
                SseEvent.named("error", "{\"message\":\"boom\",\"code\":\"InternalFailure\"}"));
    }

    @Test
    void shouldRefuseAFrameWithACorruptMessageCrc() {
        byte[] frame = EventStreams.encode(SseEvent.named("messageStart", "{\"role\":\"assistant\"}"));
        frame[frame.length - 1] ^= 0x01;

        assertThatThrownBy(() -> read(EventStreams.sse(new ByteArrayInputStream(frame))))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM_ERROR))
                .hasMessageStartingWith("Bedrock sent a corrupt event-stream frame: ");
    }

    @Test
    void shouldRefuseAFrameWithACorruptPreludeCrc() {
        byte[] frame = EventStreams.encode(SseEvent.named("messageStart", "{\"role\":\"assistant\"}"));
        frame[9] ^= 0x10;

        assertThatThrownBy(() -> read(EventStreams.sse(new ByteArrayInputStream(frame))))
                .isInstanceOf(GatewayException.class)
                .hasMessageStartingWith("Bedrock sent a corrupt event-stream frame: ");
    }

    @Test
    void shouldRoundTripEncodedEvents() throws IOException {
        List<SseEvent> sent = List.of(SseEvent.named("messageStart", "{\"role\":\"assistant\"}"),
                SseEvent.named("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"line\\nbreak é\"}}"),
                SseEvent.named("metadata", "{\"usage\":{\"inputTokens\":1,\"outputTokens\":2,\"totalTokens\":3}}"));
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (SseEvent event : sent) {
            wire.write(EventStreams.encode(event));
        }

        List<SseEvent> received = read(EventStreams.sse(new CutStream(wire.toByteArray(), List.of(3))));

        assertThat(received).isEqualTo(sent);
    }

    private static List<SseEvent> read(InputStream sse) throws IOException {
        SseReader reader = SseReader.create(sse);
        List<SseEvent> events = new ArrayList<>();
        for (Optional<SseEvent> event = reader.next(); event.isPresent(); event = reader.next()) {
            events.add(event.get());
        }
        return events;
    }

    /**
     * A frame written by hand from the format's description, independent of the SDK's encoder: headers of the
     * types bool true (0), byte (2), short (3), int (4), long (5), bytes (6), string (7), timestamp (8), uuid (9).
     */
    private static byte[] specFrame(String payload) {
        ByteBuffer other = ByteBuffer.allocate(128);
        name(other, "flag").put((byte) 0);
        name(other, "b").put((byte) 2).put((byte) 7);
        name(other, "s").put((byte) 3).putShort((short) 300);
        name(other, "i").put((byte) 4).putInt(70000);
        name(other, "l").put((byte) 5).putLong(1L << 40);
        name(other, "raw").put((byte) 6).putShort((short) 2).put(new byte[] {1, 2});
        name(other, "t").put((byte) 8).putLong(1700000000000L);
        name(other, "u").put((byte) 9).putLong(1).putLong(2);
        byte[] extra = new byte[other.position()];
        other.flip().get(extra);
        return frame(List.of(header(":event-type", "contentBlockDelta"), header(":content-type", "application/json"),
                header(":message-type", "event"), extra), payload.getBytes(StandardCharsets.UTF_8));
    }

    private static ByteBuffer name(ByteBuffer buffer, String name) {
        return buffer.put((byte) name.length()).put(name.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] header(String name, String value) {
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(1 + name.length() + 3 + v.length);
        name(buffer, name).put((byte) 7).putShort((short) v.length).put(v);
        return buffer.array();
    }

    /** A frame with these raw headers and payload and both CRCs right. */
    static byte[] frame(List<byte[]> headers, byte[] payload) {
        byte[] head = concat(headers.toArray(new byte[0][]));
        int total = 12 + head.length + payload.length + 4;
        ByteBuffer buffer = ByteBuffer.allocate(total);
        buffer.putInt(total).putInt(head.length);
        buffer.putInt((int) crc(buffer.array(), 8));
        buffer.put(head).put(payload);
        buffer.putInt((int) crc(buffer.array(), total - 4));
        return buffer.array();
    }

    private static long crc(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return crc.getValue();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
