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
 * Assembles the named events an Anthropic client was sent into the {@code message} they stand for, the way
 * Anthropic's SDKs accumulate a stream: the message from {@code message_start}, each block from its
 * {@code content_block_start} with its deltas applied ({@code text_delta} and {@code thinking_delta} appended,
 * {@code signature_delta} set, {@code citations_delta} added, {@code input_json_delta} concatenated and parsed
 * into {@code input}), then every field of {@code message_delta.delta} set on the message and every non-null
 * field of {@code message_delta.usage} replacing the usage's (Anthropic's delta counts are cumulative). The event
 * type is the event name, or the data's {@code type} for an unnamed event; {@code ping}, unknown and blank events
 * are skipped. The stream counts as whole after {@code message_stop}.
 */
final class AnthropicAssembly {

    private final Map<Integer, Block> blocks = new TreeMap<>();
    private ObjectNode message;
    private boolean stopped;

    private AnthropicAssembly() {
    }

    /** The assembled message, or empty when the stream is cut, malformed or carries an error. */
    static Optional<ObjectNode> of(List<SseEvent> events) {
        AnthropicAssembly assembly = new AnthropicAssembly();
        for (SseEvent event : events) {
            if (!event.data().isBlank() && !assembly.accept(event)) {
                return Optional.empty();
            }
        }
        return assembly.result();
    }

    private boolean accept(SseEvent event) {
        JsonNode data;
        try {
            data = Json.MAPPER.readTree(event.data());
        } catch (IOException e) {
            return false;
        }
        String type = event.hasName() ? event.event() : data.path("type").asText("");
        if (stopped && !"ping".equals(type)) {
            return false;
        }
        switch (type) {
            case "message_start" -> {
                if (message != null || !data.path("message").isObject()) {
                    return false;
                }
                message = (ObjectNode) data.get("message").deepCopy();
            }
            case "content_block_start" -> {
                if (message == null || !data.path("content_block").isObject()) {
                    return false;
                }
                blocks.put(data.path("index").asInt(), new Block(data.get("content_block").deepCopy()));
            }
            case "content_block_delta" -> {
                Block block = blocks.get(data.path("index").asInt());
                if (block == null) {
                    return false;
                }
                block.apply(data.path("delta"));
            }
            case "message_delta" -> {
                if (message == null) {
                    return false;
                }
                data.path("delta").properties().forEach(field -> message.set(field.getKey(), field.getValue()));
                usage(data.path("usage"));
            }
            case "message_stop" -> stopped = message != null;
            case "error" -> {
                return false;
            }
            default -> {
                // ping, content_block_stop and events this version does not know add nothing
            }
        }
        return true;
    }

    private void usage(JsonNode fields) {
        if (!fields.isObject()) {
            return;
        }
        ObjectNode usage = message.path("usage").isObject()
                ? (ObjectNode) message.get("usage") : message.putObject("usage");
        fields.properties().stream().filter(field -> !field.getValue().isNull())
                .forEach(field -> usage.set(field.getKey(), field.getValue()));
    }

    private Optional<ObjectNode> result() {
        if (!stopped) {
            return Optional.empty();
        }
        List<Optional<ObjectNode>> done = blocks.values().stream().map(Block::done).toList();
        if (done.stream().anyMatch(Optional::isEmpty)) {
            return Optional.empty();
        }
        ArrayNode content = message.putArray("content");
        done.forEach(block -> content.add(block.get()));
        return Optional.of(message);
    }

    /** One content block being assembled. */
    private static final class Block {

        private final ObjectNode block;
        private final StringBuilder text = new StringBuilder();
        private final StringBuilder json = new StringBuilder();
        private boolean hasJson;

        Block(ObjectNode block) {
            this.block = block;
            text.append(block.path(textField()).asText(""));
        }

        void apply(JsonNode delta) {
            switch (delta.path("type").asText("")) {
                case "text_delta" -> text.append(delta.path("text").asText(""));
                case "thinking_delta" -> text.append(delta.path("thinking").asText(""));
                case "signature_delta" -> block.put("signature", delta.path("signature").asText(""));
                case "citations_delta" -> block.withArray("citations").add(delta.path("citation"));
                case "input_json_delta" -> {
                    hasJson = true;
                    json.append(delta.path("partial_json").asText(""));
                }
                default -> {
                    // a delta type this version does not know
                }
            }
        }

        /** The finished block, or empty when its input JSON does not parse to an object. */
        Optional<ObjectNode> done() {
            if (block.has(textField())) {
                block.put(textField(), text.toString());
            }
            if (hasJson && !json.toString().isBlank()) {
                try {
                    JsonNode input = Json.MAPPER.readTree(json.toString());
                    if (!input.isObject()) {
                        return Optional.empty();
                    }
                    block.set("input", input);
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
            return Optional.of(block);
        }

        private String textField() {
            return "thinking".equals(block.path("type").asText()) ? "thinking" : "text";
        }
    }
}
