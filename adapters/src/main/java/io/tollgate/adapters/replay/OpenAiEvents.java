package io.tollgate.adapters.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.SseEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole {@code chat.completion} as the {@code chat.completion.chunk} events OpenAI streams for it. Per choice, in
 * order: {@code delta {role: assistant, content: ""}} ({@code content: null} when the answer has no text), the
 * content in token-like pieces, then the refusal likewise, the annotations if any, each tool call (its first delta
 * with index, id, type, name and empty arguments, then its arguments in pieces). Several choices interleave their
 * deltas, and only then come the chunks with an empty delta and each choice's {@code finish_reason} (carrying its
 * {@code logprobs}, if the whole had them): OpenAI's SDKs take the answer as finished once every choice they have
 * seen has a finish reason. Then, when asked, the usage chunk with empty {@code choices}, and {@code [DONE]}.
 */
final class OpenAiEvents {

    private final JsonNode whole;
    private final ReplayOptions options;
    private final List<SseEvent> out = new ArrayList<>();

    private OpenAiEvents(JsonNode whole, ReplayOptions options) {
        this.whole = whole;
        this.options = options;
    }

    static List<SseEvent> of(JsonNode whole, ReplayOptions options) {
        OpenAiEvents events = new OpenAiEvents(whole, options);
        JsonNode choices = whole.path("choices");
        List<List<ObjectNode>> deltas = new ArrayList<>();
        int longest = 0;
        for (JsonNode choice : choices) {
            deltas.add(deltas(choice.path("message")));
            longest = Math.max(longest, deltas.getLast().size());
        }
        for (int d = 0; d < longest; d++) {
            for (int i = 0; i < choices.size(); i++) {
                if (d < deltas.get(i).size()) {
                    events.emit(index(choices, i), deltas.get(i).get(d));
                }
            }
        }
        for (int i = 0; i < choices.size(); i++) {
            events.finish(index(choices, i), choices.get(i));
        }
        events.end();
        return List.copyOf(events.out);
    }

    private static int index(JsonNode choices, int position) {
        return choices.get(position).path("index").asInt(position);
    }

    private static List<ObjectNode> deltas(JsonNode message) {
        List<ObjectNode> deltas = new ArrayList<>();
        ObjectNode first = Json.object().put("role", "assistant");
        if (message.path("content").isTextual()) {
            first.put("content", "");
        } else {
            first.putNull("content");
        }
        deltas.add(first);
        for (String piece : Pieces.of(message.path("content").asText(""))) {
            deltas.add(Json.object().put("content", piece));
        }
        for (String piece : Pieces.of(message.path("refusal").asText(""))) {
            deltas.add(Json.object().put("refusal", piece));
        }
        JsonNode annotations = message.path("annotations");
        if (annotations.isArray() && !annotations.isEmpty()) {
            ObjectNode delta = Json.object();
            delta.set("annotations", annotations.deepCopy());
            deltas.add(delta);
        }
        JsonNode calls = message.path("tool_calls");
        for (int t = 0; calls.isArray() && t < calls.size(); t++) {
            toolCall(t, calls.get(t), deltas);
        }
        return deltas;
    }

    private static void toolCall(int position, JsonNode call, List<ObjectNode> deltas) {
        ObjectNode start = Json.object().put("index", position);
        start.put("id", call.path("id").asText(""));
        start.put("type", call.path("type").asText("function"));
        JsonNode function = call.path("function");
        start.putObject("function").put("name", function.path("name").asText("")).put("arguments", "");
        deltas.add(toolCallDelta(start));
        JsonNode arguments = function.path("arguments");
        String text = arguments.isTextual() ? arguments.textValue() : Json.string(arguments);
        for (String piece : Pieces.of(text)) {
            ObjectNode fragment = Json.object().put("index", position);
            fragment.putObject("function").put("arguments", piece);
            deltas.add(toolCallDelta(fragment));
        }
    }

    private static ObjectNode toolCallDelta(ObjectNode call) {
        ObjectNode delta = Json.object();
        delta.putArray("tool_calls").add(call);
        return delta;
    }

    private void finish(int index, JsonNode choice) {
        ObjectNode last = chunk(index, Json.object());
        ObjectNode lastChoice = (ObjectNode) last.path("choices").path(0);
        JsonNode logprobs = choice.path("logprobs");
        if (logprobs.isObject()) {
            lastChoice.set("logprobs", logprobs.deepCopy());
        }
        lastChoice.put("finish_reason", choice.path("finish_reason").asText("stop"));
        out.add(SseEvent.data(Json.string(last)));
    }

    private void emit(int index, ObjectNode delta) {
        out.add(SseEvent.data(Json.string(chunk(index, delta))));
    }

    private ObjectNode chunk(int index, ObjectNode delta) {
        ObjectNode chunk = head();
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", index);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.putNull("finish_reason");
        if (options.includeUsage()) {
            chunk.putNull("usage");
        }
        return chunk;
    }

    private void end() {
        JsonNode usage = whole.path("usage");
        if (options.includeUsage() && usage.isObject()) {
            ObjectNode chunk = head();
            chunk.putArray("choices");
            chunk.set("usage", usage.deepCopy());
            out.add(SseEvent.data(Json.string(chunk)));
        }
        out.add(SseEvent.data("[DONE]"));
    }

    private ObjectNode head() {
        ObjectNode chunk = Json.object();
        chunk.put("id", options.id());
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", options.createdEpochSeconds());
        chunk.put("model", whole.path("model").asText(""));
        for (String field : OpenAiAssembly.STAMPS) {
            if (whole.path(field).isTextual()) {
                chunk.set(field, whole.path(field));
            }
        }
        return chunk;
    }
}
