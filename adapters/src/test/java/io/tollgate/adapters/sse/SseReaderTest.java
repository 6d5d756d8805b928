package io.tollgate.adapters.sse;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.adapters.SseEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SseReaderTest {

    @Test
    void shouldReadNamedAndUnnamedEventsAndSkipComments() throws IOException {
        List<SseEvent> events = readAll("event: message_start\ndata: {\"a\":1}\n\n: keep-alive\n\ndata: {\"b\":2}\n\n"
                + "data: [DONE]\n\n");
        assertThat(events).containsExactly(SseEvent.named("message_start", "{\"a\":1}"), SseEvent.data("{\"b\":2}"),
                SseEvent.data("[DONE]"));
    }

    @Test
    void shouldJoinMultiLineDataAndAcceptCrLfAndCr() throws IOException {
        assertThat(readAll("data: one\r\ndata: two\r\n\r\ndata:three\r\rdata: four\n\n"))
                .containsExactly(SseEvent.data("one\ntwo"), SseEvent.data("three"), SseEvent.data("four"));
    }

    @Test
    void shouldReturnAnEventCutOffByTheEndOfTheStream() throws IOException {
        assertThat(readAll("data: first\n\ndata: partial")).containsExactly(SseEvent.data("first"),
                SseEvent.data("partial"));
    }

    @Test
    void shouldHandOutAnEventBeforeTheRestOfTheStreamExists() throws IOException {
        // a stream that fails if read past the first event: the reader must not read ahead of what it returns
        byte[] first = "data: {\"x\":1}\n\n".getBytes(StandardCharsets.UTF_8);
        InputStream in = new InputStream() {
            private int position;

            @Override
            public int read() throws IOException {
                if (position < first.length) {
                    return first[position++];
                }
                throw new IOException("read past the first event");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (position >= first.length) {
                    throw new IOException("read past the first event");
                }
                int n = Math.min(len, first.length - position);
                System.arraycopy(first, position, b, off, n);
                position += n;
                return n;
            }
        };
        assertThat(SseReader.create(in).next()).contains(SseEvent.data("{\"x\":1}"));
    }

    @Test
    void shouldKeepUtf8AcrossBufferBoundaries() throws IOException {
        String text = "é".repeat(10_000);
        assertThat(readAll("data: " + text + "\n\n")).containsExactly(SseEvent.data(text));
    }

    @Test
    void shouldWriteEventsInWireFormThatReadsBack() throws IOException {
        SseEvent event = SseEvent.named("content_block_delta", "line1\nline2");
        assertThat(event.toWire()).isEqualTo("event: content_block_delta\ndata: line1\ndata: line2\n\n");
        assertThat(readAll(event.toWire())).containsExactly(event);
    }

    private static List<SseEvent> readAll(String text) throws IOException {
        SseReader reader = SseReader.create(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        List<SseEvent> events = new ArrayList<>();
        for (Optional<SseEvent> e = reader.next(); e.isPresent(); e = reader.next()) {
            events.add(e.get());
        }
        return events;
    }
}
