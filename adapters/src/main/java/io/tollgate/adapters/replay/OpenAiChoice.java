package io.tollgate.adapters.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Json;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One choice of a streamed {@code chat.completion} being assembled, the way OpenAI's SDKs accumulate it: content
 * and refusal concatenated (each null unless some delta carried a string), tool calls merged by index (id, type
 * and name from the delta that has them, arguments concatenated), annotations and logprobs arrays appended, the
 * last {@code finish_reason} kept. Not thread-safe.
 */
final class OpenAiChoice {

    private final int index;
    private final StringBuilder content = new StringBuilder();
    private final StringBuilder refusal = new StringBuilder();
    private final ArrayNode annotations = Json.MAPPER.createArrayNode();
    private final Map<Integer, ObjectNode> calls = new TreeMap<>();
    private final Map<Integer, StringBuilder> arguments = new TreeMap<>();
    private boolean hasContent;
    private boolean hasRefusal;
    private ObjectNode logprobs;
    private String finishReason = "";

    OpenAiChoice(int index) {
        this.index = index;
    }

    /** Takes one {@code choices[]} element of a chunk. */
    void accept(JsonNode choice) {
        JsonNode delta = choice.path("delta");
        hasContent |= append(delta.path("content"), content);
        hasRefusal |= append(delta.path("refusal"), refusal);
        delta.path("annotations").forEach(annotations::add);
        for (JsonNode call : delta.path("tool_calls")) {
            toolCall(call);
        }
        JsonNode probs = choice.path("logprobs");
        if (probs.isObject()) {
            logprobs = logprobs == null ? Json.object() : logprobs;
            probs.properties().forEach(field -> appendLogprobs(field.getKey(), field.getValue()));
        }
        if (choice.path("finish_reason").isTextual()) {
            finishReason = choice.path("finish_reason").textValue();
        }
    }

    /** The assembled {@code choices[]} element, or empty while no {@code finish_reason} arrived. */
    Optional<ObjectNode> result() {
        if (finishReason.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode choice = Json.object().put("index", index);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        message.put("content", hasContent ? content.toString() : null);
        message.put("refusal", hasRefusal ? refusal.toString() : null);
        message.set("annotations", annotations);
        if (!calls.isEmpty()) {
            ArrayNode toolCalls = message.putArray("tool_calls");
            calls.forEach((position, call) -> {
                ((ObjectNode) call.path("function")).put("arguments", arguments.get(position).toString());
                toolCalls.add(call);
            });
        }
        choice.set("logprobs", logprobs == null ? Json.MAPPER.nullNode() : logprobs);
        choice.put("finish_reason", finishReason);
        return Optional.of(choice);
    }

    private void toolCall(JsonNode fragment) {
        int position = fragment.path("index").asInt(calls.size());
        ObjectNode call = calls.computeIfAbsent(position, p -> {
            ObjectNode created = Json.object().put("id", "").put("type", "function");
            created.putObject("function").put("name", "");
            return created;
        });
        StringBuilder text = arguments.computeIfAbsent(position, p -> new StringBuilder());
        if (fragment.path("id").isTextual()) {
            call.put("id", fragment.path("id").textValue());
        }
        if (fragment.path("type").isTextual()) {
            call.put("type", fragment.path("type").textValue());
        }
        JsonNode function = fragment.path("function");
        if (function.path("name").isTextual()) {
            ((ObjectNode) call.path("function")).put("name", function.path("name").textValue());
        }
        append(function.path("arguments"), text);
    }

    private void appendLogprobs(String field, JsonNode values) {
        if (values.isArray()) {
            logprobs.withArray(field).addAll((ArrayNode) values);
        } else if (!logprobs.has(field)) {
            logprobs.set(field, values);
        }
    }

    private static boolean append(JsonNode text, StringBuilder into) {
        if (!text.isTextual()) {
            return false;
        }
        into.append(text.textValue());
        return true;
    }
}
