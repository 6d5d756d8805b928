package io.tollgate.config;

import java.util.Locale;

/** How a provider spreads requests over its API keys. */
public enum BalancingStrategy {
    /** Weights adjusted by each key's recent latency, errors and rate-limit headroom (the default). */
    ADAPTIVE,
    /** A random key, each chosen in proportion to its {@code weight}. */
    WEIGHTED_RANDOM,
    /** Each key in turn, in proportion to its {@code weight}. */
    ROUND_ROBIN,
    /** The key with the lowest recent latency. */
    LEAST_LATENCY,
    /** The key with the fewest requests in flight. */
    LEAST_BUSY;

    /** The name used in the YAML file ({@code adaptive}, {@code weighted-random}, {@code round-robin}...). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
