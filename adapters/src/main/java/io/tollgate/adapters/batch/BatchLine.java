package io.tollgate.adapters.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One request of a batch as the client wrote it.
 *
 * @param customId the client's id of the line, unique in its batch
 * @param model the model the line asks for, as the client named it
 * @param body the request body (OpenAI: the line's {@code body}; Anthropic: its {@code params}); not to be changed
 */
public record BatchLine(String customId, String model, ObjectNode body) {

    public BatchLine {
        Objects.requireNonNull(customId, "customId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(body, "body");
    }
}
