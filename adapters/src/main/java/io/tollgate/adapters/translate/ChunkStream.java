package io.tollgate.adapters.translate;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.adapters.SseEvent;
import io.tollgate.adapters.StreamTranslator;
import io.tollgate.adapters.Usage;
import java.util.List;

/**
 * The common part of translators that read an OpenAI {@code chat.completion.chunk} stream and write another
 * dialect: blank events are skipped, an {@code {"error": ...}} chunk throws
 * {@link io.tollgate.adapters.GatewayException}, the usage is taken from the chunk that carries it, and the stream
 * is completed by {@code [DONE]}, or by {@link #onEnd()} when the upstream ended without {@code [DONE]} but after a
 * {@code finish_reason} (some compatible servers omit it). A stream cut before any finish is not completed and
 * {@code onEnd()} returns nothing: the caller writes its error event. Not thread-safe; one instance per stream.
 */
public abstract class ChunkStream implements StreamTranslator {

    private Usage usage = Usage.ZERO;
    private boolean completed;

    /** For subclasses. */
    protected ChunkStream() {
    }

    /**
     * Translates one parsed chunk (usage already read).
     *
     * @return the events for the client now, possibly none
     */
    protected abstract List<SseEvent> onChunk(JsonNode chunk);

    /** True once a chunk carried a {@code finish_reason}. */
    protected abstract boolean finished();

    /** The events that close the client's stream; called once, when the stream completes. */
    protected abstract List<SseEvent> closing();

    @Override
    public final List<SseEvent> onEvent(SseEvent upstream) {
        String data = upstream.data().strip();
        if (completed || data.isEmpty()) {
            return List.of();
        }
        if ("[DONE]".equals(data)) {
            return complete();
        }
        JsonNode chunk = Json.parseUpstream(data);
        if (chunk.has("error")) {
            throw UpstreamErrors.fromOpenAiChunk(chunk);
        }
        if (chunk.path("usage").isObject()) {
            usage = Usages.fromOpenAi(chunk.path("usage"));
        }
        return onChunk(chunk);
    }

    @Override
    public final List<SseEvent> onEnd() {
        return completed || !finished() ? List.of() : complete();
    }

    @Override
    public final Usage usage() {
        return usage;
    }

    @Override
    public final boolean completed() {
        return completed;
    }

    private List<SseEvent> complete() {
        completed = true;
        return closing();
    }
}
