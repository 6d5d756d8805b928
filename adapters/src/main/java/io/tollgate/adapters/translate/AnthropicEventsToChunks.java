package io.tollgate.adapters.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.SseEvent;
import io.tollgate.adapters.StreamTranslator;
import io.tollgate.adapters.Usage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates Anthropic Messages stream events into OpenAI {@code chat.completion.chunk} events. Not thread-safe;
 * one instance per stream.
 *
 * <ul>
 *   <li>{@code message_start}: the first chunk, {@code delta {role: assistant, content: ""}};</li>
 *   <li>{@code text_delta}: {@code delta.content};</li>
 *   <li>a {@code tool_use} block start: {@code delta.tool_calls[{index, id, type, function {name, arguments ""}}]},
 *       where {@code index} counts tool blocks only; {@code input_json_delta}:
 *       {@code tool_calls[{index, function {arguments}}]};</li>
 *   <li>thinking, signature and citation deltas, {@code ping}, block stops and unknown events: nothing
 *       (reasoning stays hidden, as with OpenAI's own reasoning models);</li>
 *   <li>{@code message_delta} with a {@code stop_reason}: a chunk with {@code finish_reason} and an empty delta;</li>
 *   <li>{@code message_stop}: the usage chunk ({@code choices: []}) when the client asked for usage, then
 *       {@code [DONE]};</li>
 *   <li>{@code error}: throws {@link io.tollgate.adapters.GatewayException} with the status of the error type.</li>
 * </ul>
 */
final class AnthropicEventsToChunks implements StreamTranslator {

    private final ChunkWriter writer;
    private final boolean includeUsage;
    private final AnthropicUsageState usage = new AnthropicUsageState();
    private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();
    private boolean started;
    private boolean finished;
    private boolean completed;

    AnthropicEventsToChunks(String model, String id, long created, boolean includeUsage) {
        this.writer = new ChunkWriter(id, created, model);
        this.includeUsage = includeUsage;
    }

    @Override
    public List<SseEvent> onEvent(SseEvent upstream) {
        JsonNode event = Json.parseUpstream(upstream.data());
        String type = upstream.hasName() ? upstream.event() : event.path("type").asText();
        return switch (type) {
            case "message_start" -> {
                usage.start(event);
                yield start();
            }
            case "content_block_start" -> blockStart(event);
            case "content_block_delta" -> blockDelta(event);
            case "message_delta" -> {
                usage.delta(event);
                JsonNode reason = event.path("delta").path("stop_reason");
                yield reason.isTextual() ? finish(StopReasons.toOpenAi(reason.textValue())) : List.of();
            }
            case "message_stop" -> stop();
            case "error" -> throw UpstreamErrors.fromAnthropicEvent(event);
            default -> List.of();
        };
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

    private List<SseEvent> start() {
        if (started) {
            return List.of();
        }
        started = true;
        ObjectNode delta = Json.object().put("role", "assistant").put("content", "");
        return List.of(chunk(delta));
    }

    private List<SseEvent> blockStart(JsonNode event) {
        JsonNode block = event.path("content_block");
        switch (block.path("type").asText()) {
            case "text" -> {
                String text = block.path("text").asText("");
                return text.isEmpty() ? List.of() : List.of(chunk(Json.object().put("content", text)));
            }
            case "tool_use" -> {
                int toolIndex = toolIndexByBlock.size();
                toolIndexByBlock.put(event.path("index").asInt(), toolIndex);
                ObjectNode call = Json.object().put("index", toolIndex);
                call.put("id", block.path("id").asText());
                call.put("type", "function");
                call.putObject("function").put("name", block.path("name").asText()).put("arguments", "");
                return List.of(toolChunk(call));
            }
            default -> {
                return List.of();
            }
        }
    }

    private List<SseEvent> blockDelta(JsonNode event) {
        JsonNode delta = event.path("delta");
        switch (delta.path("type").asText()) {
            case "text_delta" -> {
                String text = delta.path("text").asText("");
                return text.isEmpty() ? List.of() : List.of(chunk(Json.object().put("content", text)));
            }
            case "input_json_delta" -> {
                Integer toolIndex = toolIndexByBlock.get(event.path("index").asInt());
                String partial = delta.path("partial_json").asText("");
                if (toolIndex == null || partial.isEmpty()) {
                    return List.of();
                }
                ObjectNode call = Json.object().put("index", toolIndex);
                call.putObject("function").put("arguments", partial);
                return List.of(toolChunk(call));
            }
            default -> {
                return List.of();
            }
        }
    }

    private List<SseEvent> finish(String finishReason) {
        if (finished) {
            return List.of();
        }
        finished = true;
        return List.of(writer.finish(0, finishReason));
    }

    private List<SseEvent> stop() {
        if (completed) {
            return List.of();
        }
        completed = true;
        List<SseEvent> out = new ArrayList<>(start());
        out.addAll(finish("stop"));
        if (includeUsage) {
            out.add(writer.usage(usage.usage()));
        }
        out.add(SseEvent.data("[DONE]"));
        return out;
    }

    private SseEvent toolChunk(ObjectNode call) {
        ObjectNode delta = Json.object();
        delta.putArray("tool_calls").add(call);
        return chunk(delta);
    }

    private SseEvent chunk(ObjectNode delta) {
        return writer.delta(0, delta);
    }
}
