package io.tollgate.adapters.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.SseEvent;
import io.tollgate.adapters.translate.ChunkStream;
import io.tollgate.adapters.translate.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Translates OpenAI {@code chat.completion.chunk} events into Gemini {@code streamGenerateContent?alt=sse} events,
 * each {@code data: <GenerateContentResponse>}. Not thread-safe; one instance per stream.
 *
 * <ul>
 *   <li>{@code delta.content} (and {@code delta.refusal}): an event with one text part for the choice's
 *       candidate;</li>
 *   <li>{@code delta.tool_calls}: buffered, since Gemini sends each function call whole; their fragments are
 *       joined by call index;</li>
 *   <li>{@code finish_reason} and the usage chunk: remembered;</li>
 *   <li>{@code [DONE]}: the last event, one candidate per choice with its function calls (or an empty text part),
 *       its {@code finishReason} and the {@code usageMetadata};</li>
 * </ul>
 *
 * <p>Errors, usage and completion as {@link ChunkStream} handles them.
 */
final class ChunksToGeminiEvents extends ChunkStream {

    /** A tool call being assembled from its fragments. */
    private static final class Call {
        private String id = "";
        private String name = "";
        private final StringBuilder arguments = new StringBuilder();
        private JsonNode first = Json.missing();
    }

    /** What a choice has said so far. */
    private static final class Choice {
        private final Map<Integer, Call> calls = new TreeMap<>();
        private String finishReason = "";
    }

    private final String modelVersion;
    private final String responseId;
    private final Map<Integer, Choice> choices = new TreeMap<>();
    private boolean finished;

    ChunksToGeminiEvents(String modelVersion, String responseId) {
        this.modelVersion = modelVersion;
        this.responseId = responseId;
    }

    @Override
    protected List<SseEvent> onChunk(JsonNode chunk) {
        List<SseEvent> out = new ArrayList<>(2);
        for (JsonNode choiceNode : chunk.path("choices")) {
            int index = choiceNode.path("index").asInt(0);
            Choice choice = choices.computeIfAbsent(index, i -> new Choice());
            JsonNode delta = choiceNode.path("delta");
            String text = delta.path("content").asText("") + delta.path("refusal").asText("");
            if (!text.isEmpty()) {
                out.add(event(Json.array().add(GeminiToOpenAi.candidate(index,
                        Json.array().add(Json.object().put("text", text)), null)), false));
            }
            JsonNode calls = delta.path("tool_calls");
            for (int i = 0; calls.isArray() && i < calls.size(); i++) {
                collect(choice, calls.get(i), i);
            }
            if (choiceNode.path("finish_reason").isTextual()) {
                choice.finishReason = choiceNode.path("finish_reason").textValue();
                finished = true;
            }
        }
        return out;
    }

    private static void collect(Choice choice, JsonNode fragment, int position) {
        Call call = choice.calls.computeIfAbsent(fragment.path("index").asInt(position), i -> new Call());
        if (call.first.isMissingNode()) {
            call.first = fragment;
        }
        call.id = fragment.path("id").isTextual() ? fragment.path("id").textValue() : call.id;
        JsonNode function = fragment.path("function");
        call.name = function.path("name").isTextual() ? function.path("name").textValue() : call.name;
        call.arguments.append(function.path("arguments").asText(""));
    }

    @Override
    protected boolean finished() {
        return finished;
    }

    @Override
    protected List<SseEvent> closing() {
        if (choices.isEmpty()) {
            choices.put(0, new Choice());
        }
        ArrayNode candidates = Json.array();
        for (Map.Entry<Integer, Choice> entry : choices.entrySet()) {
            ArrayNode parts = Json.array();
            for (Call call : entry.getValue().calls.values()) {
                parts.add(GeminiToOpenAi.functionCall(call.id, call.name, call.arguments.toString(), call.first));
            }
            String reason = entry.getValue().finishReason;
            candidates.add(GeminiToOpenAi.candidate(entry.getKey(), parts,
                    FinishReasons.toGemini(reason.isEmpty() ? "stop" : reason)));
        }
        return List.of(event(candidates, true));
    }

    private SseEvent event(ArrayNode candidates, boolean last) {
        ObjectNode response = Json.object();
        response.set("candidates", candidates);
        if (last) {
            response.set("usageMetadata", GeminiUsage.toGemini(usage()));
        }
        response.put("modelVersion", modelVersion);
        response.put("responseId", responseId);
        return SseEvent.data(Json.write(response));
    }
}
