package io.tollgate.node.providers.contract;

import io.tollgate.adapters.SseEvent;
import io.tollgate.adapters.bedrock.EventStreams;
import io.tollgate.adapters.sse.SseReader;
import io.tollgate.node.testing.FakeUpstream.Reply;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the fakes answer with: the adapters module's documented request and response examples
 * ({@code adapters/src/test/resources/fixtures/<provider>/}, each written from the provider's API reference; see the
 * READMEs there) and replies built from them.
 */
final class Upstreams {

    /** The fixtures folder, seen from the node module where the tests run. */
    private static final Path FIXTURES = Path.of("..", "adapters", "src", "test", "resources", "fixtures");

    private Upstreams() {
    }

    /** The text of {@code fixtures/<name>}, for example {@code openai/chat_completion_text.json}. */
    static String fixture(String name) {
        try {
            return Files.readString(FIXTURES.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("no fixture " + FIXTURES.resolve(name).toAbsolutePath(), e);
        }
    }

    /** A JSON fixture answered with this status. */
    static Reply json(int status, String fixture) {
        return Reply.json(status, fixture(fixture));
    }

    /** An SSE fixture answered event by event. */
    static Reply sse(String fixture) {
        return Reply.sse(events(fixture(fixture)).stream().map(SseEvent::toWire).toList());
    }

    /** The events of SSE text. */
    static List<SseEvent> events(String sse) {
        SseReader reader = SseReader.create(new ByteArrayInputStream(sse.getBytes(StandardCharsets.UTF_8)));
        List<SseEvent> events = new ArrayList<>();
        try {
            for (Optional<SseEvent> event = reader.next(); event.isPresent(); event = reader.next()) {
                events.add(event.get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    /**
     * Bedrock's binary event stream ({@code application/vnd.amazon.eventstream}) of these events, one frame each,
     * the first frame split across two writes as a network may deliver it.
     */
    static Reply eventStream(List<SseEvent> events) {
        return exchange -> {
            ByteArrayOutputStream frames = new ByteArrayOutputStream();
            events.forEach(event -> frames.writeBytes(EventStreams.encode(event)));
            byte[] bytes = frames.toByteArray();
            exchange.getResponseHeaders().set("content-type", EventStreams.CONTENT_TYPE);
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes, 0, 7);
                out.flush();
                out.write(bytes, 7, bytes.length - 7);
            }
        };
    }
}
