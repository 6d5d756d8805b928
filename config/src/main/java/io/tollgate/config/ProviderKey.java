package io.tollgate.config;

import java.util.Objects;

/**
 * One API key of a provider.
 *
 * @param name a stable, non-secret name used in logs, headers and metrics
 * @param value the key itself
 * @param weight relative share of traffic, at least 1
 */
public record ProviderKey(String name, Secret value, int weight) {

    public ProviderKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be at least 1, was " + weight);
        }
    }
}
