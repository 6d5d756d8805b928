package io.tollgate.node.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.SseEvent;
import io.tollgate.adapters.Usage;
import io.tollgate.adapters.spi.UpstreamResponse;
import io.tollgate.adapters.sse.SseReader;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Relays a streamed transcription ({@code stream=true}, gpt-4o-transcribe and gpt-4o-mini-transcribe) event by
 * event, each flushed at once: {@code transcript.text.delta} events as they come, then
 * {@code transcript.text.done}, whose {@code usage} is the call's. A stream that ends without it (cut upstream, the
 * client gone) is charged what {@code usage} says for a missing answer (the reserved bound). Stateless.
 */
final class TranscriptStream {

    private static final String DONE = "transcript.text.done";

    private TranscriptStream() {
    }

    /**
     * Relays the stream.
     *
     * @param usage the usage of the {@code done} event, or of {@link MissingNode} when the stream had none
     */
    static void relay(Exchange exchange, UpstreamResponse response, Function<JsonNode, Usage> usage) {
        ClientChannel.EventSink sink;
        try {
            sink = exchange.channel().startEvents();
        } catch (IOException clientGone) {
            exchange.usage(usage.apply(MissingNode.getInstance()));
            return;
        }
        exchange.markStreamed();
        exchange.events(sink);
        SseReader reader = SseReader.create(response.body());
        JsonNode done = MissingNode.getInstance();
        try {
            while (true) {
                Optional<SseEvent> event = reader.next();
                if (event.isEmpty()) {
                    break;
                }
                try {
                    sink.write(event.get().toWire());
                } catch (IOException clientGone) {
                    exchange.markStreamFailed();
                    return;
                }
                exchange.markFirstByte();
                JsonNode data = parse(event.get().data());
                if (data.path("type").asText("").equals(DONE)) {
                    done = data;
                }
            }
            if (done.isMissingNode()) {
                fail(exchange, sink, GatewayException.of(ErrorKind.UPSTREAM_ERROR,
                        "The upstream ended the transcription stream before it was complete."));
            }
        } catch (IOException e) {
            fail(exchange, sink, StreamRelay.readFailure(response, e));
        } finally {
            exchange.usage(usage.apply(done));
        }
    }

    private static JsonNode parse(String data) {
        try {
            return Json.MAPPER.readTree(data);
        } catch (IOException | RuntimeException notJson) {
            return MissingNode.getInstance();
        }
    }

    private static void fail(Exchange exchange, ClientChannel.EventSink sink, GatewayException failure) {
        exchange.markStreamFailed();
        try {
            sink.write(ErrorBodies.event(Dialect.OPENAI, failure).toWire());
        } catch (IOException ignored) {
            // the client is gone too
        }
    }
}
