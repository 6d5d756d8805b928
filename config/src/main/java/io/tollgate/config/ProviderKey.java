package io.tollgate.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One API key of a provider.
 *
 * @param name a stable, non-secret name used in logs, headers and metrics
 * @param value the key itself
 * @param weight relative share of traffic, at least 1
 * @param models the models this key may serve; empty for every model
 * @param rpm the requests per minute the provider granted this key, if known; at least 1
 * @param tpm the tokens per minute the provider granted this key, if known; at least 1
 * @param accessKeyId for {@code bedrock}: the AWS access key id whose secret access key is {@code value} (requests
 *     are then signed with SigV4); empty for a bearer key
 * @param sessionToken for {@code bedrock}: the session token of temporary AWS credentials, if any
 */
public record ProviderKey(String name, Secret value, int weight, List<String> models, OptionalLong rpm,
                          OptionalLong tpm, Optional<String> accessKeyId, Optional<Secret> sessionToken) {

    public ProviderKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(rpm, "rpm");
        Objects.requireNonNull(tpm, "tpm");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(sessionToken, "sessionToken");
        models = List.copyOf(models);
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be at least 1, was " + weight);
        }
        for (int i = 0; i < models.size(); i++) {
            if (models.get(i).isBlank()) {
                throw new IllegalArgumentException("models[" + i + "] must not be blank");
            }
        }
        if (rpm.isPresent() && rpm.getAsLong() < 1) {
            throw new IllegalArgumentException("rpm must be at least 1, was " + rpm.getAsLong());
        }
        if (tpm.isPresent() && tpm.getAsLong() < 1) {
            throw new IllegalArgumentException("tpm must be at least 1, was " + tpm.getAsLong());
        }
    }

    /** A bearer key (no AWS access key id). */
    public ProviderKey(String name, Secret value, int weight, List<String> models, OptionalLong rpm, OptionalLong tpm) {
        this(name, value, weight, models, rpm, tpm, Optional.empty(), Optional.empty());
    }

    /** A key for every model with unknown rate limits. */
    public ProviderKey(String name, Secret value, int weight) {
        this(name, value, weight, List.of(), OptionalLong.empty(), OptionalLong.empty());
    }

    /** True when this key may serve {@code model}: it lists no models, or lists this one. */
    public boolean serves(String model) {
        return models.isEmpty() || models.contains(model);
    }
}
