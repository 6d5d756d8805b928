package io.tollgate.adapters.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Usage;
import java.util.Map;

/**
 * The usage of one Anthropic stream, built the way Anthropic's SDKs accumulate it: {@code message_start} gives the
 * first snapshot, and every field a {@code message_delta} carries replaces the snapshot's field (the delta counts
 * are cumulative, so replacing, not adding, is right; fields the delta omits keep their {@code message_start}
 * value). Not thread-safe; one per stream.
 */
final class AnthropicUsageState {

    private final ObjectNode snapshot = Json.object();
    private Usage usage = Usage.ZERO;

    /** Takes {@code message_start.message.usage}. */
    void start(JsonNode messageStart) {
        merge(messageStart.path("message").path("usage"));
    }

    /** Takes {@code message_delta.usage}. */
    void delta(JsonNode messageDelta) {
        merge(messageDelta.path("usage"));
    }

    Usage usage() {
        return usage;
    }

    private void merge(JsonNode fields) {
        if (!fields.isObject()) {
            return;
        }
        boolean newWriteTotal = !fields.has("cache_creation") && fields.path("cache_creation_input_tokens").isNumber()
                && fields.path("cache_creation_input_tokens").asLong()
                        != snapshot.path("cache_creation_input_tokens").asLong();
        for (Map.Entry<String, JsonNode> field : fields.properties()) {
            if (!field.getValue().isNull()) {
                snapshot.set(field.getKey(), field.getValue());
            }
        }
        if (newWriteTotal) {
            // A new cache-write total without its split would be contradicted by the older split.
            snapshot.remove("cache_creation");
        }
        usage = Usages.fromAnthropic(snapshot);
    }
}
