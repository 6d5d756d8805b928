package io.tollgate.adapters.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Usage;
import java.util.Objects;

/**
 * A whole response translated for the client, with the usage the upstream reported.
 *
 * @param body the response in the client's dialect
 * @param usage the upstream's usage
 */
public record Translation(ObjectNode body, Usage usage) {

    public Translation {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(usage, "usage");
    }
}
