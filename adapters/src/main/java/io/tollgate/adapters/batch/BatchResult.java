package io.tollgate.adapters.batch;

import io.tollgate.adapters.Usage;
import java.util.Objects;
import java.util.Optional;

/**
 * One request of an ended batch as the provider reports it.
 *
 * @param customId the client's id of the line
 * @param model the model that answered, when the provider says
 * @param status the line's HTTP status (OpenAI) or 200 for a succeeded line and 500 for any other (Anthropic's
 *     {@code errored}, {@code canceled}, {@code expired})
 * @param usage what the line used; zero for a line that produced nothing
 */
public record BatchResult(String customId, Optional<String> model, int status, Usage usage) {

    public BatchResult {
        Objects.requireNonNull(customId, "customId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(usage, "usage");
    }
}
