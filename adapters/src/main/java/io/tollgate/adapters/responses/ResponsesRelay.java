package io.tollgate.adapters.responses;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.SseEvent;
import io.tollgate.adapters.StreamTranslator;
import io.tollgate.adapters.Usage;
import io.tollgate.adapters.translate.Usages;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An OpenAI upstream's own Responses event stream, relayed unchanged. Only the terminal events are parsed
 * ({@code response.completed}, {@code response.incomplete}, {@code response.failed}, found by their event name or,
 * without one, in their text): they carry the usage and complete the stream. An {@code error} event passes too and
 * ends the stream as the upstream's own answer. One instance per stream, used by one thread.
 */
public final class ResponsesRelay implements StreamTranslator {

    private static final List<String> TERMINAL = List.of("response.completed", "response.incomplete",
            "response.failed", "error");

    private Usage usage = Usage.ZERO;
    private boolean completed;

    @Override
    public List<SseEvent> onEvent(SseEvent upstream) {
        if (terminal(upstream)) {
            JsonNode event = Json.parseObject(upstream.data().getBytes(StandardCharsets.UTF_8));
            if (TERMINAL.contains(event.path("type").asText())) {
                usage = Usages.fromResponses(event.path("response").path("usage"));
                completed = true;
            }
        }
        return List.of(upstream);
    }

    private static boolean terminal(SseEvent event) {
        if (event.hasName()) {
            return TERMINAL.contains(event.event());
        }
        String data = event.data();
        return data.contains("\"response.completed\"") || data.contains("\"response.incomplete\"")
                || data.contains("\"response.failed\"") || data.contains("\"type\":\"error\"");
    }

    @Override
    public List<SseEvent> onEnd() {
        return List.of();
    }

    @Override
    public Usage usage() {
        return usage;
    }

    @Override
    public boolean completed() {
        return completed;
    }
}
