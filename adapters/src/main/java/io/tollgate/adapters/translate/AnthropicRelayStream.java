package io.tollgate.adapters.translate;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.adapters.SseEvent;
import io.tollgate.adapters.StreamTranslator;
import io.tollgate.adapters.Usage;
import java.util.List;

/** See {@link AnthropicRelay#stream()}. Not thread-safe; one instance per stream. */
final class AnthropicRelayStream implements StreamTranslator {

    private final AnthropicUsageState usage = new AnthropicUsageState();
    private boolean completed;

    @Override
    public List<SseEvent> onEvent(SseEvent upstream) {
        switch (type(upstream)) {
            case "message_start" -> usage.start(Json.parseUpstream(upstream.data()));
            case "message_delta" -> usage.delta(Json.parseUpstream(upstream.data()));
            case "message_stop" -> completed = true;
            case "error" -> throw UpstreamErrors.fromAnthropicEvent(Json.parseUpstream(upstream.data()));
            default -> {
                // content blocks and pings need nothing from the relay
            }
        }
        return List.of(upstream);
    }

    @Override
    public List<SseEvent> onEnd() {
        return List.of();
    }

    @Override
    public Usage usage() {
        return usage.usage();
    }

    @Override
    public boolean completed() {
        return completed;
    }

    /** The event name; Anthropic always sends one, the data's {@code type} serves when it does not. */
    private static String type(SseEvent upstream) {
        if (upstream.hasName()) {
            return upstream.event();
        }
        JsonNode data = Json.parseUpstream(upstream.data());
        return data.path("type").asText("");
    }
}
