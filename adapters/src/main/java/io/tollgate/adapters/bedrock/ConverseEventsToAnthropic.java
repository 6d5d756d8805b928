package io.tollgate.adapters.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.SseEvent;
import java.util.List;

/**
 * ConverseStream events (as {@link EventStreams#sse} names them: the {@code :event-type} as the event name, the
 * payload as data) into Anthropic Messages events, which {@code translate} takes on to OpenAI chunks. Not
 * thread-safe; one per stream.
 *
 * <ul>
 *   <li>{@code messageStart}: {@code message_start} with zero usage;</li>
 *   <li>{@code contentBlockStart} with {@code start.toolUse}: a {@code tool_use} block start;</li>
 *   <li>{@code contentBlockDelta}: {@code delta.text} a {@code text_delta}, {@code delta.toolUse.input} an
 *       {@code input_json_delta}, {@code delta.reasoningContent.text} a {@code thinking_delta};</li>
 *   <li>{@code contentBlockStop}: {@code content_block_stop};</li>
 *   <li>{@code messageStop}: {@code message_delta} with the mapped stop reason;</li>
 *   <li>{@code metadata}: {@code message_delta} with the usage, then {@code message_stop} (Bedrock sends
 *       {@code metadata} last);</li>
 *   <li>an exception event (any name ending in {@code Exception}, or {@code error}): throws.</li>
 * </ul>
 */
final class ConverseEventsToAnthropic extends RenamingStream {


    @Override
    public List<SseEvent> onEvent(SseEvent upstream) {
        JsonNode event = Trees.parseUpstream(upstream.data());
        String type = upstream.event();
        if (type.isEmpty() && event.isObject() && event.size() == 1) {
            // the JSON form of the stream wraps each event in an object named after it
            type = event.fieldNames().next();
            event = event.path(type);
        }
        return switch (type) {
            case "messageStart" -> {
                ObjectNode start = anthropic("message_start");
                ObjectNode message = start.putObject("message").put("type", "message").put("role", "assistant");
                message.putArray("content");
                message.set("usage", ConverseResponses.usageToAnthropic(Trees.object()));
                yield List.of(named(start));
            }
            case "contentBlockStart" -> blockStart(event);
            case "contentBlockDelta" -> blockDelta(event);
            case "contentBlockStop" -> List.of(named(anthropic("content_block_stop").put("index", index(event))));
            case "messageStop" -> {
                ObjectNode delta = anthropic("message_delta");
                delta.putObject("delta").put("stop_reason",
                        ConverseResponses.stopToAnthropic(event.path("stopReason").asText("")));
                yield List.of(named(delta));
            }
            case "metadata" -> {
                usage = ConverseResponses.usage(event.path("usage"));
                completed = true;
                ObjectNode delta = anthropic("message_delta");
                delta.putObject("delta");
                delta.set("usage", ConverseResponses.usageToAnthropic(event.path("usage")));
                yield List.of(named(delta), named(anthropic("message_stop")));
            }
            default -> {
                if (type.endsWith("Exception") || type.equals("error")) {
                    throw BedrockErrors.fromStream(type, event);
                }
                yield List.of();
            }
        };
    }

    private static List<SseEvent> blockStart(JsonNode event) {
        JsonNode use = event.path("start").path("toolUse");
        if (!use.isObject()) {
            return List.of();
        }
        ObjectNode start = anthropic("content_block_start").put("index", index(event));
        ObjectNode block = start.putObject("content_block").put("type", "tool_use");
        block.put("id", use.path("toolUseId").asText()).put("name", use.path("name").asText());
        block.putObject("input");
        return List.of(named(start));
    }

    private static List<SseEvent> blockDelta(JsonNode event) {
        JsonNode delta = event.path("delta");
        ObjectNode out = anthropic("content_block_delta").put("index", index(event));
        if (delta.path("text").isTextual()) {
            out.putObject("delta").put("type", "text_delta").put("text", delta.path("text").textValue());
        } else if (delta.path("toolUse").isObject()) {
            out.putObject("delta").put("type", "input_json_delta")
                    .put("partial_json", delta.path("toolUse").path("input").asText(""));
        } else if (delta.path("reasoningContent").path("text").isTextual()) {
            out.putObject("delta").put("type", "thinking_delta")
                    .put("thinking", delta.path("reasoningContent").path("text").textValue());
        } else {
            return List.of();
        }
        return List.of(named(out));
    }

    private static int index(JsonNode event) {
        return event.path("contentBlockIndex").asInt(0);
    }

    private static ObjectNode anthropic(String type) {
        return Trees.object().put("type", type);
    }

    private static SseEvent named(ObjectNode event) {
        return SseEvent.named(event.path("type").textValue(), Json.string(event));
    }
}
