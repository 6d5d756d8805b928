package io.tollgate.cluster.batch;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A batch input file uploaded through the gateway, with what its requests may cost at most.
 *
 * @param id the provider's file id
 * @param provider the provider holding it
 * @param keyName the provider key it was uploaded with (files belong to the key's account)
 * @param virtualKeyId the virtual key that uploaded it, when governed; only that key may use it
 * @param endpoint the endpoint its lines call ({@code /v1/chat/completions})
 * @param model the model its lines ask for, as {@code provider/model}
 * @param lines how many requests it holds
 * @param worstNanos what all its requests may cost at most, at batch prices
 * @param inputTokens an upper bound of all its requests' input tokens
 * @param outputTokens the output tokens all its requests may produce at most
 * @param createdAt when it was uploaded
 */
public record BatchFile(String id, String provider, String keyName, Optional<String> virtualKeyId, String endpoint,
                        String model, int lines, long worstNanos, long inputTokens, long outputTokens,
                        Instant createdAt) {

    public BatchFile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(keyName, "keyName");
        Objects.requireNonNull(virtualKeyId, "virtualKeyId");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(createdAt, "createdAt");
        if (lines < 1 || worstNanos < 0 || inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("a batch file needs at least one line and no negative figure");
        }
    }
}
