package io.tollgate.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.SseEvent;
import io.tollgate.adapters.StreamTranslator;
import io.tollgate.node.pipeline.ClientChannel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The channel of a native route: the pipeline answers in OpenAI's format, the client reads its own. A whole answer
 * is translated at once; a stream event by event as the pipeline writes it (OpenAI chunks in, the client's events
 * out, flushed one by one), ended by the translator's closing events. An error the pipeline writes into the stream
 * reaches the client as an error event of its format.
 */
final class TranslatingChannel implements ClientChannel {

    private final HelidonChannel channel;
    private final NativeFormat format;
    private final String model;
    private final String requestId;

    TranslatingChannel(HelidonChannel channel, NativeFormat format, String model, String requestId) {
        this.channel = channel;
        this.format = format;
        this.model = model;
        this.requestId = requestId;
    }

    @Override
    public void header(String name, String value) {
        channel.header(name, value);
    }

    @Override
    public void send(int status, String contentType, byte[] body) {
        if (status / 100 == 2) {
            channel.send(status, "application/json", format.fromOpenAi(body, model, requestId));
        } else {
            String message = Json.parseObject(body).path("error").path("message").asText("HTTP " + status);
            GatewayException error = GatewayException.upstream(status, message, "");
            format.errorHeaders(error).forEach(channel::header);
            channel.send(status, "application/json", format.error(error));
        }
    }

    @Override
    public EventSink startEvents() throws IOException {
        OutputStream out = channel.startRaw(format.streamContentType());
        StreamTranslator translator = format.stream(model, requestId);
        return new EventSink() {
            private boolean closed;

            @Override
            public void write(String wire) throws IOException {
                for (SseEvent event : parse(wire)) {
                    Optional<String> failure = errorMessage(event);
                    List<SseEvent> translated = failure.isPresent()
                            ? List.of(format.errorEvent(GatewayException.of(ErrorKind.UPSTREAM_ERROR, failure.get())))
                            : translator.onEvent(event);
                    for (SseEvent each : translated) {
                        out.write(format.encode(each));
                    }
                    out.flush();
                }
            }

            @Override
            public void close() {
                if (closed) {
                    return;
                }
                closed = true;
                try {
                    for (SseEvent event : translator.onEnd()) {
                        out.write(format.encode(event));
                    }
                    out.close();
                } catch (IOException | RuntimeException ignored) {
                    // the client is gone; nothing to finish
                }
            }
        };
    }

    @Override
    public boolean committed() {
        return channel.committed();
    }

    /** The message of an OpenAI error event the pipeline wrote into the stream, if this is one. */
    private static Optional<String> errorMessage(SseEvent event) {
        if (!event.data().contains("\"error\"")) {
            return Optional.empty();
        }
        JsonNode error = Json.parseObject(event.data().getBytes(StandardCharsets.UTF_8)).path("error");
        return error.isObject() ? Optional.of(error.path("message").asText("the stream failed")) : Optional.empty();
    }

    /** The events of wire-form SSE text (one or several events, each ended by a blank line). */
    static List<SseEvent> parse(String wire) {
        List<SseEvent> events = new ArrayList<>();
        for (String block : wire.split("\n\n")) {
            String name = null;
            StringBuilder data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    String value = line.substring(5);
                    value = value.startsWith(" ") ? value.substring(1) : value;
                    data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                }
            }
            if (data != null) {
                events.add(name == null ? SseEvent.data(data.toString()) : SseEvent.named(name, data.toString()));
            }
        }
        return events;
    }
}
