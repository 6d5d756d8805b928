package io.tollgate.node.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.SseEvent;
import java.util.List;

/**
 * The events that end a stream the gateway cuts short: a finish for length, in the client's dialect (none for a
 * Responses API stream, which the error event ends).
 */
final class StreamEnds {

    private StreamEnds() {
    }

    static List<SseEvent> lengthFinish(Exchange exchange) {
        if (exchange.operation() == io.tollgate.adapters.Operation.RESPONSES) {
            return List.of();   // a Responses stream has no finish event of its own: the error event ends it
        }
        if (exchange.dialect() == Dialect.ANTHROPIC) {
            ObjectNode delta = Json.object();
            delta.put("type", "message_delta");
            delta.putObject("delta").put("stop_reason", "max_tokens").putNull("stop_sequence");
            delta.putObject("usage").put("output_tokens", 0);
            return List.of(SseEvent.named("message_delta", Json.string(delta)));
        }
        ObjectNode chunk = Json.object();
        chunk.put("id", "chatcmpl-" + exchange.id());
        chunk.put("object", "chat.completion.chunk");
        chunk.put("model", exchange.body().path("model").asText());
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("delta");
        choice.put("finish_reason", "length");
        return List.of(SseEvent.data(Json.string(chunk)));
    }
}
