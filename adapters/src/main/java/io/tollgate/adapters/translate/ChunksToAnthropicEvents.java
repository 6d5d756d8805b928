package io.tollgate.adapters.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.SseEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Translates OpenAI {@code chat.completion.chunk} events into named Anthropic Messages events. Not thread-safe;
 * one instance per stream.
 *
 * <ul>
 *   <li>the first chunk: {@code message_start} (usage zero: OpenAI reports usage only at the end);</li>
 *   <li>{@code delta.content} (and {@code delta.refusal}): a text block, {@code content_block_start} once, then
 *       {@code text_delta}s;</li>
 *   <li>{@code delta.tool_calls}: a {@code tool_use} block per call index ({@code input: {}}), its argument
 *       fragments as {@code input_json_delta}s; the open block is closed ({@code content_block_stop}) whenever
 *       the kind or the tool index changes, and at {@code finish_reason};</li>
 *   <li>{@code delta.reasoning_content} (some compatible servers): dropped;</li>
 *   <li>the usage chunk ({@code choices: []}): consumed, its usage kept;</li>
 *   <li>{@code [DONE]}: {@code message_delta} with the mapped {@code stop_reason}, {@code stop_sequence: null}
 *       and the full usage, then {@code message_stop}. The usage carries {@code input_tokens} and the cache
 *       fields too: Anthropic documents {@code message_delta} usage as cumulative, and its SDKs replace the
 *       {@code message_start} counts with every field a {@code message_delta} carries;</li>
 *   <li>an {@code {"error": ...}} chunk: throws {@link GatewayException}.</li>
 * </ul>
 *
 * <p>{@link #completed()} is true after {@code [DONE]}, or after {@link #onEnd()} when the upstream ended without
 * {@code [DONE]} but after a {@code finish_reason} (the answer is whole; some compatible servers omit
 * {@code [DONE]}); {@code onEnd()} then returns the closing events. A stream that ended before any
 * {@code finish_reason} is not completed and {@code onEnd()} returns nothing: the caller writes an error event.
 */
final class ChunksToAnthropicEvents extends ChunkStream {

    private enum Block { NONE, TEXT, TOOL }

    private final String model;
    private final String id;
    private final Set<Integer> closedTools = new HashSet<>();
    private Block open = Block.NONE;
    private int openTool = -1;
    private int nextBlock;
    private boolean started;
    private String stopReason = "";

    ChunksToAnthropicEvents(String model, String id) {
        this.model = model;
        this.id = id;
    }

    @Override
    protected List<SseEvent> onChunk(JsonNode chunk) {
        List<SseEvent> out = new ArrayList<>(4);
        start(out);
        JsonNode choice = chunk.path("choices").path(0);
        JsonNode delta = choice.path("delta");
        text(delta.path("content").asText(""), out);
        text(delta.path("refusal").asText(""), out);
        JsonNode calls = delta.path("tool_calls");
        for (int i = 0; calls.isArray() && i < calls.size(); i++) {
            toolCall(calls.get(i), i, out);
        }
        JsonNode finish = choice.path("finish_reason");
        if (finish.isTextual()) {
            close(out);
            stopReason = StopReasons.toAnthropic(finish.textValue());
        }
        return out;
    }

    @Override
    protected boolean finished() {
        return !stopReason.isEmpty();
    }

    private void start(List<SseEvent> out) {
        if (started) {
            return;
        }
        started = true;
        ObjectNode message = Json.object();
        message.put("id", id);
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", model);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.set("usage", Usages.toAnthropic(usage()));
        ObjectNode event = event("message_start");
        event.set("message", message);
        out.add(named(event));
    }

    private void text(String text, List<SseEvent> out) {
        if (text.isEmpty()) {
            return;
        }
        if (open != Block.TEXT) {
            close(out);
            ObjectNode event = event("content_block_start").put("index", nextBlock);
            event.putObject("content_block").put("type", "text").put("text", "");
            out.add(named(event));
            open = Block.TEXT;
        }
        ObjectNode event = event("content_block_delta").put("index", nextBlock);
        event.putObject("delta").put("type", "text_delta").put("text", text);
        out.add(named(event));
    }

    private void toolCall(JsonNode call, int position, List<SseEvent> out) {
        int index = call.path("index").asInt(position);
        if (open != Block.TOOL || openTool != index) {
            if (closedTools.contains(index)) {
                throw GatewayException.of(ErrorKind.UPSTREAM_ERROR,
                        "upstream interleaved the argument fragments of tool call " + index);
            }
            close(out);
            ObjectNode event = event("content_block_start").put("index", nextBlock);
            ObjectNode block = event.putObject("content_block").put("type", "tool_use");
            block.put("id", call.path("id").asText(id + "_tool_" + index));
            block.put("name", call.path("function").path("name").asText(""));
            block.putObject("input");
            out.add(named(event));
            open = Block.TOOL;
            openTool = index;
        }
        String arguments = call.path("function").path("arguments").asText("");
        if (!arguments.isEmpty()) {
            ObjectNode event = event("content_block_delta").put("index", nextBlock);
            event.putObject("delta").put("type", "input_json_delta").put("partial_json", arguments);
            out.add(named(event));
        }
    }

    private void close(List<SseEvent> out) {
        if (open == Block.NONE) {
            return;
        }
        if (open == Block.TOOL) {
            closedTools.add(openTool);
        }
        out.add(named(event("content_block_stop").put("index", nextBlock)));
        nextBlock++;
        open = Block.NONE;
    }

    @Override
    protected List<SseEvent> closing() {
        List<SseEvent> out = new ArrayList<>(4);
        start(out);
        close(out);
        ObjectNode event = event("message_delta");
        event.putObject("delta").put("stop_reason", stopReason.isEmpty() ? "end_turn" : stopReason)
                .putNull("stop_sequence");
        ObjectNode deltaUsage = Usages.toAnthropic(usage());
        deltaUsage.remove("cache_creation");
        event.set("usage", deltaUsage);
        out.add(named(event));
        out.add(named(event("message_stop")));
        return out;
    }

    private static ObjectNode event(String type) {
        return Json.object().put("type", type);
    }

    private static SseEvent named(ObjectNode event) {
        return SseEvent.named(event.path("type").textValue(), Json.write(event));
    }
}
