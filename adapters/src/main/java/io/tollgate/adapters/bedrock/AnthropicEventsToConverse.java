package io.tollgate.adapters.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.SseEvent;
import io.tollgate.adapters.translate.Usages;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Anthropic Messages events (as {@code translate} makes them from OpenAI chunks) into ConverseStream events: the
 * event name is the Converse event type, the data its payload, ready for {@link EventStreams#encode}. Not
 * thread-safe; one per stream.
 *
 * <ul>
 *   <li>{@code message_start}: {@code messageStart {role: assistant}};</li>
 *   <li>a {@code tool_use} block start: {@code contentBlockStart {start {toolUse {toolUseId, name}}}} (text blocks
 *       have no start event in Converse);</li>
 *   <li>{@code text_delta} and {@code input_json_delta}: {@code contentBlockDelta} with {@code delta.text} or
 *       {@code delta.toolUse.input};</li>
 *   <li>{@code content_block_stop}: {@code contentBlockStop};</li>
 *   <li>{@code message_delta}: {@code messageStop} with the mapped stop reason, its usage kept;</li>
 *   <li>{@code message_stop}: {@code metadata {usage, metrics {latencyMs}}}, the latency measured on the clock
 *       from the translator's creation.</li>
 * </ul>
 */
final class AnthropicEventsToConverse extends RenamingStream {

    private final Clock clock;
    private final Instant started;

    AnthropicEventsToConverse(Clock clock) {
        this.clock = clock;
        this.started = clock.instant();
    }

    @Override
    public List<SseEvent> onEvent(SseEvent upstream) {
        JsonNode event = Trees.parseUpstream(upstream.data());
        return switch (upstream.event()) {
            case "message_start" -> List.of(converse("messageStart", Trees.object().put("role", "assistant")));
            case "content_block_start" -> {
                JsonNode block = event.path("content_block");
                if (!"tool_use".equals(block.path("type").asText())) {
                    yield List.of();
                }
                ObjectNode start = indexed(event);
                start.putObject("start").putObject("toolUse").put("toolUseId", block.path("id").asText())
                        .put("name", block.path("name").asText());
                yield List.of(converse("contentBlockStart", start));
            }
            case "content_block_delta" -> blockDelta(event);
            case "content_block_stop" -> List.of(converse("contentBlockStop", indexed(event)));
            case "message_delta" -> {
                if (event.path("usage").isObject()) {
                    usage = Usages.fromAnthropic(event.path("usage"));
                }
                yield List.of(converse("messageStop", Trees.object().put("stopReason",
                        ConverseResponses.stopToConverse(event.path("delta").path("stop_reason").asText("")))));
            }
            case "message_stop" -> {
                completed = true;
                ObjectNode metadata = Trees.object();
                metadata.set("usage", ConverseResponses.usageToConverse(usage));
                metadata.putObject("metrics").put("latencyMs", Duration.between(started, clock.instant()).toMillis());
                yield List.of(converse("metadata", metadata));
            }
            default -> List.of();
        };
    }

    private static List<SseEvent> blockDelta(JsonNode event) {
        JsonNode delta = event.path("delta");
        ObjectNode out = indexed(event);
        switch (delta.path("type").asText()) {
            case "text_delta" -> out.putObject("delta").put("text", delta.path("text").asText(""));
            case "input_json_delta" -> out.putObject("delta").putObject("toolUse")
                    .put("input", delta.path("partial_json").asText(""));
            default -> {
                return List.of();
            }
        }
        return List.of(converse("contentBlockDelta", out));
    }

    private static ObjectNode indexed(JsonNode event) {
        return Trees.object().put("contentBlockIndex", event.path("index").asInt(0));
    }

    private static SseEvent converse(String type, ObjectNode payload) {
        return SseEvent.named(type, Json.string(payload));
    }
}
