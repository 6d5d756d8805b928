package io.tollgate.adapters.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.tollgate.adapters.SseEvent;
import io.tollgate.adapters.fuzz.CutStream;
import io.tollgate.adapters.fuzz.FuzzTries;
import io.tollgate.adapters.fuzz.JsonFuzz;
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
 * Fuzzes the upstream event-stream parser with arbitrary bytes: whatever an upstream sends, in whatever pieces the
 * network cuts it, {@link SseReader} ends (no hang), throws nothing (only the body's own {@link IOException}s may
 * come out) and reads the same events whatever the cuts; and any events written in wire form come back exactly.
 * Tries: see {@link FuzzTries}.
 */
@AddLifecycleHook(FuzzTries.class)
class SseReaderFuzzTest {

    private static final List<String> PIECES = List.of("data:", "data: ", "event:", "event: ", "id: 1", "retry: 5",
            ":", ": comment", "\n", "\r", "\r\n", "\n\n", " ", "{\"a\":1}", "[DONE]", "é", "\uD83D\uDE00", "x");

    @Property(tries = 200)
    void shouldReadAnyBytesTheSameWhateverTheCuts(@ForAll("streams") byte[] stream, @ForAll("cuts") List<Integer> cuts) {
        List<SseEvent> whole = readAll(stream, List.of(Integer.MAX_VALUE));
        List<SseEvent> cut = readAll(stream, cuts);

        assertThat(cut).isEqualTo(whole);
        assertThat(whole.size()).isLessThanOrEqualTo(stream.length);
    }

    @Property(tries = 200)
    void shouldReadBackEveryEventWrittenInWireForm(@ForAll("events") List<SseEvent> events,
                                                   @ForAll("cuts") List<Integer> cuts) {
        StringBuilder wire = new StringBuilder();
        events.forEach(event -> wire.append(event.toWire()));

        assertThat(readAll(wire.toString().getBytes(StandardCharsets.UTF_8), cuts)).isEqualTo(events);
    }

    @Provide
    Arbitrary<byte[]> streams() {
        Arbitrary<byte[]> pieces = Arbitraries.of(PIECES).map(piece -> piece.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(8);
        return Arbitraries.oneOf(pieces, pieces, raw).list().ofMaxSize(60).map(parts -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            parts.forEach(out::writeBytes);
            return out.toByteArray();
        });
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(1, 40).list().ofMinSize(1).ofMaxSize(20);
    }

    @Provide
    Arbitrary<List<SseEvent>> events() {
        // valid Unicode without CR (a CR ends a line); names without line ends either
        Arbitrary<String> data = JsonFuzz.unicode().excludeChars('\r').ofMaxLength(30);
        Arbitrary<String> name = JsonFuzz.unicode().excludeChars('\r', '\n').ofMaxLength(12);
        return Combinators.combine(name, data).as(SseEvent::new).list().ofMaxSize(8);
    }

    /** Every event of the stream, the stream handed out in pieces of the cut sizes (cycled). */
    private static List<SseEvent> readAll(byte[] stream, List<Integer> cuts) {
        return assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            SseReader reader = SseReader.create(new CutStream(stream, cuts));
            List<SseEvent> events = new ArrayList<>();
            for (Optional<SseEvent> event = reader.next(); event.isPresent(); event = reader.next()) {
                events.add(event.get());
            }
            return events;
        }, "the reader did not end");
    }
}
