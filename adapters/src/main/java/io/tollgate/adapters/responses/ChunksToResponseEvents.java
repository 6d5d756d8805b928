package io.tollgate.adapters.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.SseEvent;
import io.tollgate.adapters.StreamTranslator;
import io.tollgate.adapters.Usage;
import io.tollgate.adapters.translate.Usages;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI chat chunks as a Responses event stream: {@code response.created} and {@code response.in_progress} first;
 * {@code delta.reasoning_content} as a reasoning item with a summary ({@code response.reasoning_summary_text.delta});
 * {@code delta.content} as a message item ({@code response.output_item.added}, {@code response.content_part.added},
 * {@code response.output_text.delta}, ... {@code .done}); each tool call as a function call item
 * ({@code response.function_call_arguments.delta}); {@code [DONE]} closes the open item and sends
 * {@code response.completed} (or {@code response.incomplete} after a {@code length} finish) with the output and the
 * usage of the usage chunk. One instance per stream, used by one thread.
 */
public final class ChunksToResponseEvents implements StreamTranslator {

    private enum Open { NONE, REASONING, MESSAGE, CALL }

    private final String requestId;
    private final ObjectNode response;
    private final ArrayNode output;
    private final List<SseEvent> out = new ArrayList<>();
    private long sequence;
    private boolean started;
    private boolean done;
    private Open open = Open.NONE;
    private ObjectNode item;
    private final StringBuilder text = new StringBuilder();
    private int callIndex = -1;
    private String finishReason = "stop";
    private Usage usage = Usage.ZERO;

    /**
     * A translator for one stream.
     *
     * @param request the client's Responses request (its settings are echoed in the response)
     * @param requestId the gateway's request id, for the response's and items' ids
     * @param model the model as the client named it
     * @param createdEpochSeconds the response's time stamp
     */
    public ChunksToResponseEvents(JsonNode request, String requestId, String model, long createdEpochSeconds) {
        this.requestId = requestId;
        this.response = ResponseObjects.response(request, "resp_" + requestId, model, createdEpochSeconds,
                "in_progress");
        this.output = (ArrayNode) response.get("output");
    }

    @Override
    public List<SseEvent> onEvent(SseEvent upstream) {
        out.clear();
        start();
        if (upstream.data().strip().equals("[DONE]")) {
            end();
            return List.copyOf(out);
        }
        JsonNode chunk = Json.parseObject(upstream.data().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (chunk.path("usage").isObject()) {
            usage = Usages.fromOpenAi(chunk.path("usage"));
        }
        JsonNode choice = chunk.path("choices").path(0);
        JsonNode delta = choice.path("delta");
        String reasoning = delta.path("reasoning_content").asText("");
        if (!reasoning.isEmpty()) {
            open(Open.REASONING, -1);
            emit("response.reasoning_summary_text.delta", itemEvent().put("summary_index", 0).put("delta", reasoning));
            text.append(reasoning);
        }
        String content = delta.path("content").asText("");
        if (!content.isEmpty()) {
            open(Open.MESSAGE, -1);
            emit("response.output_text.delta", itemEvent().put("content_index", 0).put("delta", content)
                    .set("logprobs", Json.MAPPER.createArrayNode()));
            text.append(content);
        }
        for (JsonNode call : delta.path("tool_calls")) {
            int index = call.path("index").asInt(0);
            if (open != Open.CALL || index != callIndex) {
                open(Open.CALL, index);
                item.put("call_id", call.path("id").asText(""));
                item.put("name", call.path("function").path("name").asText(""));
                emit("response.output_item.added", indexed().set("item", item.deepCopy()));
            }
            String arguments = call.path("function").path("arguments").asText("");
            if (!arguments.isEmpty()) {
                emit("response.function_call_arguments.delta", itemEvent().put("delta", arguments));
                text.append(arguments);
            }
        }
        if (choice.path("finish_reason").isTextual()) {
            finishReason = choice.path("finish_reason").asText();
        }
        return List.copyOf(out);
    }

    @Override
    public List<SseEvent> onEnd() {
        out.clear();
        if (!done && started) {
            end();
        }
        return List.copyOf(out);
    }

    @Override
    public Usage usage() {
        return usage;
    }

    @Override
    public boolean completed() {
        return done;
    }

    private void start() {
        if (started) {
            return;
        }
        started = true;
        emit("response.created", Json.object().set("response", response.deepCopy()));
        emit("response.in_progress", Json.object().set("response", response.deepCopy()));
    }

    private void end() {
        close();
        done = true;
        ResponseObjects.finish(response, finishReason, usage);
        String type = "length".equals(finishReason) ? "response.incomplete" : "response.completed";
        emit(type, Json.object().set("response", response));
    }

    /** Opens an item of this kind unless it is the one open (a call is the same only with the same index). */
    private void open(Open kind, int index) {
        if (open == kind && (kind != Open.CALL || index == callIndex)) {
            return;
        }
        close();
        open = kind;
        callIndex = index;
        text.setLength(0);
        int n = output.size();
        item = switch (kind) {
            case REASONING -> ResponseObjects.reasoning("rs_" + requestId + "_" + n, "");
            case MESSAGE -> ResponseObjects.message("msg_" + requestId + "_" + n, null, "in_progress");
            case CALL -> ResponseObjects.functionCall("fc_" + requestId + "_" + n, "", "", "", "in_progress");
            case NONE -> throw new IllegalArgumentException("nothing to open");
        };
        output.add(item);
        if (kind == Open.REASONING) {
            emit("response.output_item.added", indexed().set("item", item.deepCopy()));
            emit("response.reasoning_summary_part.added", itemEvent().put("summary_index", 0)
                    .set("part", Json.object().put("type", "summary_text").put("text", "")));
        } else if (kind == Open.MESSAGE) {
            emit("response.output_item.added", indexed().set("item", item.deepCopy()));
            emit("response.content_part.added", itemEvent().put("content_index", 0)
                    .set("part", ResponseObjects.outputText("")));
        }
    }

    /** Ends the open item with its {@code .done} events, its full text in place. */
    private void close() {
        String full = text.toString();
        switch (open) {
            case REASONING -> {
                emit("response.reasoning_summary_text.done", itemEvent().put("summary_index", 0).put("text", full));
                ObjectNode part = Json.object().put("type", "summary_text").put("text", full);
                emit("response.reasoning_summary_part.done", itemEvent().put("summary_index", 0).set("part", part));
                ((ArrayNode) item.get("summary")).add(part.deepCopy());
            }
            case MESSAGE -> {
                emit("response.output_text.done", itemEvent().put("content_index", 0).put("text", full)
                        .set("logprobs", Json.MAPPER.createArrayNode()));
                ObjectNode part = ResponseObjects.outputText(full);
                emit("response.content_part.done", itemEvent().put("content_index", 0).set("part", part));
                ((ArrayNode) item.get("content")).add(part.deepCopy());
                item.put("status", "completed");
            }
            case CALL -> {
                emit("response.function_call_arguments.done", itemEvent().put("name", item.path("name").asText())
                        .put("arguments", full));
                item.put("arguments", full);
                item.put("status", "completed");
            }
            case NONE -> {
                return;
            }
        }
        emit("response.output_item.done", indexed().set("item", item.deepCopy()));
        open = Open.NONE;
    }

    private ObjectNode indexed() {
        return Json.object().put("output_index", output.size() - 1);
    }

    private ObjectNode itemEvent() {
        return Json.object().put("item_id", item.path("id").asText()).put("output_index", output.size() - 1);
    }

    private void emit(String type, ObjectNode event) {
        ObjectNode data = Json.object().put("type", type);
        data.setAll(event);
        data.put("sequence_number", sequence++);
        out.add(SseEvent.named(type, Json.string(data)));
    }
}
