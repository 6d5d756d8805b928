package io.tollgate.adapters.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.SseEvent;
import io.tollgate.adapters.StreamTranslator;
import io.tollgate.adapters.Usage;
import io.tollgate.adapters.translate.ChunkWriter;
import io.tollgate.adapters.translate.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Translates Gemini {@code streamGenerateContent?alt=sse} events (each a partial {@code GenerateContentResponse})
 * into OpenAI {@code chat.completion.chunk} events. Not thread-safe; one instance per stream.
 *
 * <ul>
 *   <li>the first event of a candidate: a chunk {@code delta {role: assistant, content: ""}} for its choice;</li>
 *   <li>visible text parts: {@code delta.content}; {@code thought: true} parts: nothing (counted in usage);</li>
 *   <li>a {@code functionCall} part (Gemini sends each call whole): one {@code delta.tool_calls} entry with id,
 *       name and the complete {@code arguments}; the entry's {@code index} counts the choice's calls;</li>
 *   <li>{@code finishReason}: a chunk with the mapped {@code finish_reason} (tool_calls when the candidate called
 *       a function) and an empty delta;</li>
 *   <li>{@code promptFeedback.blockReason} without candidates: a role chunk with the refusal, then
 *       {@code content_filter};</li>
 *   <li>{@code usageMetadata}: read on every event, the last one wins;</li>
 *   <li>{@code {"error": ...}}: throws {@link io.tollgate.adapters.GatewayException} (UPSTREAM_ERROR);</li>
 *   <li>the end of the stream after a finish: the usage chunk ({@code choices: []}) when the client asked for it,
 *       then {@code [DONE]}; after no finish, nothing and not completed.</li>
 * </ul>
 */
final class GeminiEventsToChunks implements StreamTranslator {

    private final ChunkWriter writer;
    private final boolean includeUsage;
    private final Set<Integer> started = new HashSet<>();
    private final Set<Integer> finished = new HashSet<>();
    private final Map<Integer, Integer> callsByChoice = new HashMap<>();
    private Usage usage = Usage.ZERO;
    private int ordinal;
    private boolean completed;

    GeminiEventsToChunks(String model, String id, long created, boolean includeUsage) {
        this.writer = new ChunkWriter(id, created, model);
        this.includeUsage = includeUsage;
    }

    @Override
    public List<SseEvent> onEvent(SseEvent upstream) {
        String data = upstream.data().strip();
        if (completed || data.isEmpty()) {
            return List.of();
        }
        JsonNode event = Json.parseUpstream(data);
        if (event.path("error").isObject()) {
            throw GeminiErrors.fromEvent(event);
        }
        if (event.path("usageMetadata").isObject()) {
            usage = GeminiUsage.fromGemini(event.path("usageMetadata"));
        }
        List<SseEvent> out = new ArrayList<>(4);
        JsonNode candidates = event.path("candidates");
        String blocked = event.path("promptFeedback").path("blockReason").asText("");
        if (candidates.isEmpty() && !blocked.isEmpty()) {
            start(0, out);
            out.add(writer.delta(0, Json.object().put("refusal", OpenAiToGemini.blockedMessage(blocked))));
            finish(0, "content_filter", out);
            return out;
        }
        for (JsonNode candidate : candidates) {
            candidate(candidate, out);
        }
        return out;
    }

    private void candidate(JsonNode candidate, List<SseEvent> out) {
        int index = GeminiCandidates.index(candidate);
        if (finished.contains(index)) {
            return;
        }
        start(index, out);
        String text = GeminiCandidates.text(candidate);
        if (!text.isEmpty()) {
            out.add(writer.delta(index, Json.object().put("content", text)));
        }
        for (JsonNode part : GeminiCandidates.functionCalls(candidate)) {
            int callIndex = callsByChoice.merge(index, 1, Integer::sum) - 1;
            ObjectNode call = Json.object().put("index", callIndex);
            call.setAll(GeminiCandidates.toolCall(part, ordinal++));
            ObjectNode delta = Json.object();
            delta.putArray("tool_calls").add(call);
            out.add(writer.delta(index, delta));
        }
        JsonNode reason = candidate.path("finishReason");
        if (reason.isTextual()) {
            finish(index, FinishReasons.toOpenAi(reason.textValue(), callsByChoice.containsKey(index)), out);
        }
    }

    @Override
    public List<SseEvent> onEnd() {
        if (completed || finished.isEmpty()) {
            return List.of();
        }
        completed = true;
        List<SseEvent> out = new ArrayList<>(2);
        if (includeUsage) {
            out.add(writer.usage(usage));
        }
        out.add(SseEvent.data("[DONE]"));
        return out;
    }

    @Override
    public Usage usage() {
        return usage;
    }

    @Override
    public boolean completed() {
        return completed;
    }

    private void start(int index, List<SseEvent> out) {
        if (started.add(index)) {
            out.add(writer.delta(index, Json.object().put("role", "assistant").put("content", "")));
        }
    }

    private void finish(int index, String finishReason, List<SseEvent> out) {
        if (finished.add(index)) {
            out.add(writer.finish(index, finishReason));
        }
    }
}
