package io.tollgate.adapters.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.SseEvent;
import io.tollgate.adapters.fuzz.CutStream;
import io.tollgate.adapters.fuzz.FuzzTries;
import io.tollgate.adapters.fuzz.JsonFuzz;
import io.tollgate.adapters.sse.SseReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Fuzzes the reader of Bedrock's binary event stream ({@link EventStreams#sse}) as the gateway reads it, through
 * {@link SseReader}: arbitrary bytes, valid frames damaged (bits flipped, bytes cut or inserted) and frames whose
 * CRCs are right around garbage headers all end (no hang) in events or in {@link GatewayException}
 * {@code UPSTREAM_ERROR}, never another exception; valid frames read back as the events they carry, however the
 * network cuts them. Tries: see {@link FuzzTries}.
 */
@AddLifecycleHook(FuzzTries.class)
class EventStreamFuzzTest {

    @Property(tries = 300)
    void shouldReadBackTheEventsOfValidFramesWhateverTheCuts(@ForAll("events") List<SseEvent> events,
                                                             @ForAll("cuts") List<Integer> cuts) {
        assertThat(read(wire(events), cuts)).isEqualTo(events);
    }

    @Property(tries = 300)
    void shouldRefuseArbitraryBytesOnlyAsACorruptStream(@ForAll("garbage") byte[] stream,
                                                        @ForAll("cuts") List<Integer> cuts) {
        readOrRefuse(stream, cuts);
    }

    @Property(tries = 300)
    void shouldRefuseDamagedFramesOnlyAsACorruptStream(@ForAll("events") List<SseEvent> events,
                                                       @ForAll("damage") List<int[]> damage,
                                                       @ForAll("cuts") List<Integer> cuts) {
        byte[] stream = wire(events);
        for (int[] change : damage) {
            stream = damage(stream, change);
        }
        readOrRefuse(stream, cuts);
    }

    @Property(tries = 300)
    void shouldRefuseGarbageHeadersWithRightCrcsOnlyAsACorruptStream(@ForAll("headerBytes") byte[] headers,
                                                                     @ForAll("payloads") byte[] payload) {
        readOrRefuse(EventStreamsTest.frame(List.of(headers), payload), List.of(4096));
    }

    @Provide
    Arbitrary<List<SseEvent>> events() {
        // a name (the framing refuses an empty one) without line ends (the SSE form would cut it), a non-empty
        // payload without CR (JSON never has one)
        Arbitrary<String> name = JsonFuzz.unicode().excludeChars('\r', '\n').ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> data = JsonFuzz.unicode().excludeChars('\r').ofMinLength(1).ofMaxLength(40);
        return Combinators.combine(name, data).as(SseEvent::named).list().ofMaxSize(5);
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(1, 64).list().ofMinSize(1).ofMaxSize(10);
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        Arbitrary<byte[]> frames = events().map(EventStreamFuzzTest::wire);
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        // a prelude declaring a huge length, and a valid stream followed by garbage
        Arbitrary<byte[]> huge = Arbitraries.integers().map(length -> new byte[] {(byte) (length >>> 24),
            (byte) (length >>> 16), (byte) (length >>> 8), length.byteValue(), 0, 0, 0, 0, 0, 0, 0, 0});
        return Arbitraries.oneOf(raw, huge, Combinators.combine(frames, raw).as(EventStreamFuzzTest::concat));
    }

    /** Changes to a stream: {@code {kind, position, value}}; flip a bit, cut the rest, insert or drop a byte. */
    @Provide
    Arbitrary<List<int[]>> damage() {
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().greaterOrEqual(0),
                Arbitraries.integers().between(0, 255)).as((kind, at, value) -> new int[] {kind, at, value})
                .list().ofMinSize(1).ofMaxSize(3);
    }

    @Provide
    Arbitrary<byte[]> headerBytes() {
        Arbitrary<byte[]> string = Arbitraries.strings().ofMaxLength(10).map(value -> header(":event-type", value));
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
        return Arbitraries.oneOf(string, raw, Combinators.combine(string, raw).as(EventStreamFuzzTest::concat));
    }

    @Provide
    Arbitrary<byte[]> payloads() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
    }

    private static void readOrRefuse(byte[] stream, List<Integer> cuts) {
        try {
            read(stream, cuts);
        } catch (GatewayException e) {
            assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM_ERROR);
            assertThat(e.getMessage()).startsWith("Bedrock sent a corrupt event-stream frame: ");
        }
    }

    /** Every event of the stream read as the gateway reads it, the bytes in pieces of the cut sizes. */
    private static List<SseEvent> read(byte[] stream, List<Integer> cuts) {
        return assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            SseReader reader = SseReader.create(EventStreams.sse(new CutStream(stream, cuts)));
            List<SseEvent> events = new ArrayList<>();
            try {
                for (Optional<SseEvent> event = reader.next(); event.isPresent(); event = reader.next()) {
                    events.add(event.get());
                }
            } catch (IOException e) {
                throw new AssertionError("a byte array cannot fail to read", e);
            }
            return events;
        }, "the event-stream reader did not end");
    }

    private static byte[] damage(byte[] stream, int[] change) {
        if (stream.length == 0) {
            return stream;
        }
        int at = change[1] % stream.length;
        byte[] out;
        switch (change[0]) {
            case 0 -> {
                out = stream.clone();
                out[at] ^= (byte) (1 << (change[2] % 8));
            }
            case 1 -> out = java.util.Arrays.copyOf(stream, at);
            case 2 -> out = concat(java.util.Arrays.copyOf(stream, at), new byte[] {(byte) change[2]},
                    java.util.Arrays.copyOfRange(stream, at, stream.length));
            default -> out = concat(java.util.Arrays.copyOf(stream, at),
                    java.util.Arrays.copyOfRange(stream, at + 1, stream.length));
        }
        return out;
    }

    private static byte[] wire(List<SseEvent> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        events.forEach(event -> out.writeBytes(EventStreams.encode(event)));
        return out.toByteArray();
    }

    private static byte[] header(String name, String value) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        return concat(new byte[] {(byte) n.length}, n, new byte[] {7, (byte) (v.length >>> 8), (byte) v.length}, v);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
