package io.tollgate.adapters.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.SseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A whole Anthropic {@code message} as the named events Anthropic streams for it:
 *
 * <ul>
 *   <li>{@code message_start}: the message with empty {@code content}, null {@code stop_reason} and
 *       {@code stop_sequence}, and its usage with {@code output_tokens} at most 1, as Anthropic reports it
 *       before generating;</li>
 *   <li>per block, {@code content_block_start} / {@code content_block_delta}s / {@code content_block_stop}:
 *       text as {@code text_delta} pieces (after a {@code citations_delta} per citation), thinking as
 *       {@code thinking_delta} pieces and one {@code signature_delta}, {@code tool_use} (and the server and MCP
 *       tool uses) with {@code input: {}} then its compact input JSON as {@code input_json_delta} pieces; any other
 *       block (redacted thinking, tool results) whole in its {@code content_block_start};</li>
 *   <li>{@code message_delta} with {@code stop_reason}, {@code stop_sequence} (and {@code container} when the
 *       message has one) and {@code usage.output_tokens}; then {@code message_stop}.</li>
 * </ul>
 */
final class AnthropicEvents {

    private static final Set<String> TOOL_USES = Set.of("tool_use", "server_tool_use", "mcp_tool_use");

    private final List<SseEvent> out = new ArrayList<>();

    private AnthropicEvents() {
    }

    static List<SseEvent> of(JsonNode whole, ReplayOptions options) {
        AnthropicEvents events = new AnthropicEvents();
        events.start(whole, options.id());
        JsonNode content = whole.path("content");
        for (int i = 0; i < content.size(); i++) {
            events.block(i, content.get(i));
        }
        events.end(whole);
        return List.copyOf(events.out);
    }

    private void start(JsonNode whole, String id) {
        ObjectNode message = whole.deepCopy();
        message.put("id", id);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.remove("container");
        JsonNode usage = message.path("usage");
        if (usage.isObject()) {
            ((ObjectNode) usage).put("output_tokens", Math.min(1, usage.path("output_tokens").asLong(0)));
        }
        emit(event("message_start").set("message", message));
    }

    private void block(int index, JsonNode block) {
        String type = block.path("type").asText("");
        ObjectNode start = event("content_block_start").put("index", index);
        switch (type) {
            case "text" -> {
                ObjectNode empty = start.putObject("content_block").put("type", "text").put("text", "");
                JsonNode citations = block.path("citations");
                if (citations.isArray()) {
                    empty.putArray("citations");
                }
                emit(start);
                for (JsonNode citation : citations) {
                    delta(index, Json.object().put("type", "citations_delta").set("citation", citation));
                }
                pieces(index, "text_delta", "text", block.path("text").asText(""));
            }
            case "thinking" -> {
                start.putObject("content_block").put("type", "thinking").put("thinking", "").put("signature", "");
                emit(start);
                pieces(index, "thinking_delta", "thinking", block.path("thinking").asText(""));
                String signature = block.path("signature").asText("");
                if (!signature.isEmpty()) {
                    delta(index, Json.object().put("type", "signature_delta").put("signature", signature));
                }
            }
            default -> {
                boolean tool = TOOL_USES.contains(type);
                ObjectNode copy = block.deepCopy();
                if (tool) {
                    copy.putObject("input");
                }
                start.set("content_block", copy);
                emit(start);
                if (tool) {
                    JsonNode input = block.path("input");
                    String json = input.isObject() && !input.isEmpty() ? Json.string(input) : "";
                    List<String> pieces = Pieces.of(json);
                    for (String piece : pieces.isEmpty() ? List.of("") : pieces) {
                        delta(index, Json.object().put("type", "input_json_delta").put("partial_json", piece));
                    }
                }
            }
        }
        emit(event("content_block_stop").put("index", index));
    }

    private void pieces(int index, String deltaType, String field, String text) {
        for (String piece : Pieces.of(text)) {
            delta(index, Json.object().put("type", deltaType).put(field, piece));
        }
    }

    private void delta(int index, ObjectNode delta) {
        emit(event("content_block_delta").put("index", index).set("delta", delta));
    }

    private void end(JsonNode whole) {
        ObjectNode event = event("message_delta");
        ObjectNode delta = event.putObject("delta");
        delta.set("stop_reason", whole.path("stop_reason").isTextual()
                ? whole.get("stop_reason") : delta.textNode("end_turn"));
        delta.set("stop_sequence", whole.path("stop_sequence").isTextual()
                ? whole.get("stop_sequence") : delta.nullNode());
        if (whole.has("container")) {
            delta.set("container", whole.get("container"));
        }
        event.putObject("usage").put("output_tokens", whole.path("usage").path("output_tokens").asLong(0));
        emit(event);
        emit(event("message_stop"));
    }

    private static ObjectNode event(String type) {
        return Json.object().put("type", type);
    }

    private void emit(ObjectNode event) {
        out.add(SseEvent.named(event.path("type").textValue(), Json.string(event)));
    }
}
