package io.tollgate.node.balance;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One provider key as the balancer sees it: its name (never its value), weight, the models it serves and its own
 * per-minute limits, counted by each node for its own traffic.
 *
 * @param name the key's stable, non-secret name
 * @param weight its relative share of traffic, at least 1
 * @param models the models it serves; empty means every model of the provider
 * @param rpm at most this many requests per calendar minute from this node, when present
 * @param tpm at most this many tokens per calendar minute from this node, when present
 */
public record BalancedKey(String name, int weight, Set<String> models, OptionalLong rpm, OptionalLong tpm) {

    public BalancedKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(rpm, "rpm");
        Objects.requireNonNull(tpm, "tpm");
        if (name.isBlank()) {
            throw new IllegalArgumentException("key name must not be blank");
        }
        if (weight < 1) {
            throw new IllegalArgumentException("key '" + name + "': weight must be at least 1, was " + weight);
        }
        if (rpm.isPresent() && rpm.getAsLong() < 1) {
            throw new IllegalArgumentException("key '" + name + "': rpm must be at least 1, was " + rpm.getAsLong());
        }
        if (tpm.isPresent() && tpm.getAsLong() < 1) {
            throw new IllegalArgumentException("key '" + name + "': tpm must be at least 1, was " + tpm.getAsLong());
        }
        models = Set.copyOf(models);
    }

    /** A key serving every model, without limits of its own. */
    public static BalancedKey of(String name, int weight) {
        return new BalancedKey(name, weight, Set.of(), OptionalLong.empty(), OptionalLong.empty());
    }

    /** True when the key serves {@code model}. */
    public boolean serves(String model) {
        return models.isEmpty() || models.contains(model);
    }
}
