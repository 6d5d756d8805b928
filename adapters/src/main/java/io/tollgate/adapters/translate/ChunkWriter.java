package io.tollgate.adapters.translate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.SseEvent;
import io.tollgate.adapters.Usage;
import java.util.Objects;

/**
 * Writes OpenAI {@code chat.completion.chunk} events of one stream, for translators that present another dialect's
 * stream to an OpenAI client. Immutable; safe from any thread.
 *
 * @param id the chunk id to present
 * @param created the chunks' {@code created} time, epoch seconds
 * @param model the model name the client asked for
 */
public record ChunkWriter(String id, long created, String model) {

    public ChunkWriter {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
    }

    /** A chunk carrying one choice's delta, {@code finish_reason: null}. */
    public SseEvent delta(int index, ObjectNode delta) {
        return choice(index, delta, null);
    }

    /** A chunk carrying one choice's {@code finish_reason} and an empty delta. */
    public SseEvent finish(int index, String finishReason) {
        return choice(index, Json.object(), finishReason);
    }

    /** The usage chunk: {@code choices: []} and the usage in OpenAI's shape. */
    public SseEvent usage(Usage usage) {
        ObjectNode chunk = base();
        chunk.putArray("choices");
        chunk.set("usage", Usages.toOpenAi(usage));
        return SseEvent.data(Json.write(chunk));
    }

    private SseEvent choice(int index, ObjectNode delta, String finishReason) {
        ObjectNode chunk = base();
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", index);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return SseEvent.data(Json.write(chunk));
    }

    private ObjectNode base() {
        ObjectNode chunk = Json.object();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        return chunk;
    }
}
