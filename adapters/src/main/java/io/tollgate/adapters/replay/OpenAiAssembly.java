package io.tollgate.adapters.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.SseEvent;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Assembles the {@code chat.completion.chunk} events a client was sent into the {@code chat.completion} they
 * stand for: {@code id}, {@code created}, {@code model}, {@code service_tier} and {@code system_fingerprint} from
 * the chunks, the choices by index (see {@link OpenAiChoice}), {@code usage} from the last chunk that carries one.
 * {@code [DONE]} and blank events are skipped. The stream counts as whole when every choice has a
 * {@code finish_reason}; {@code [DONE]} is not required (some compatible servers omit it).
 */
final class OpenAiAssembly {

    /** The top-level fields OpenAI repeats on every chunk that are copied when the response has them. */
    static final List<String> STAMPS = List.of("service_tier", "system_fingerprint");

    private static final List<String> HEAD = List.of("id", "created", "model", "service_tier", "system_fingerprint");

    private final ObjectNode head = Json.object();
    private final Map<Integer, OpenAiChoice> choices = new TreeMap<>();
    private JsonNode usage = Json.MAPPER.missingNode();

    private OpenAiAssembly() {
    }

    /** The assembled response, or empty when the stream is cut, malformed or carries an error. */
    static Optional<ObjectNode> of(List<SseEvent> events) {
        OpenAiAssembly assembly = new OpenAiAssembly();
        for (SseEvent event : events) {
            if (!assembly.accept(event.data().strip())) {
                return Optional.empty();
            }
        }
        return assembly.result();
    }

    private boolean accept(String data) {
        if (data.isEmpty() || "[DONE]".equals(data)) {
            return true;
        }
        JsonNode chunk;
        try {
            chunk = Json.MAPPER.readTree(data);
        } catch (IOException e) {
            return false;
        }
        if (!chunk.isObject() || chunk.has("error") && !chunk.path("error").isNull()) {
            return false;
        }
        for (String field : HEAD) {
            if (!head.has(field) && chunk.hasNonNull(field)) {
                head.set(field, chunk.get(field));
            }
        }
        if (chunk.path("usage").isObject()) {
            usage = chunk.path("usage");
        }
        for (JsonNode choice : chunk.path("choices")) {
            int index = choice.path("index").asInt(0);
            choices.computeIfAbsent(index, OpenAiChoice::new).accept(choice);
        }
        return true;
    }

    private Optional<ObjectNode> result() {
        if (choices.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode whole = Json.object();
        whole.set("id", head.path("id").isTextual() ? head.get("id") : whole.textNode(""));
        whole.put("object", "chat.completion");
        whole.put("created", head.path("created").asLong(0));
        whole.set("model", head.path("model").isTextual() ? head.get("model") : whole.textNode(""));
        List<Optional<ObjectNode>> assembled = choices.values().stream().map(OpenAiChoice::result).toList();
        if (assembled.stream().anyMatch(Optional::isEmpty)) {
            return Optional.empty();
        }
        ArrayNode out = whole.putArray("choices");
        assembled.forEach(choice -> out.add(choice.get()));
        if (usage.isObject()) {
            whole.set("usage", usage);
        }
        for (String field : STAMPS) {
            if (head.has(field)) {
                whole.set(field, head.get(field));
            }
        }
        return Optional.of(whole);
    }
}
