package io.tollgate.node.pipeline;

import io.tollgate.adapters.ModelRef;
import io.tollgate.adapters.pricing.Price;
import io.tollgate.adapters.spi.ProviderAdapter;
import io.tollgate.config.ProviderKey;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a request goes: the resolved model, the provider's adapter, the key chosen for this attempt and the
 * model's price (empty when the catalog has none: an unpriced model is an explicit state, never $0).
 *
 * @param model the resolved {@code provider/model}
 * @param adapter the provider's adapter
 * @param key the API key for this attempt
 * @param price the model's price, if known
 */
public record Route(ModelRef model, ProviderAdapter adapter, ProviderKey key, Optional<Price> price) {

    public Route {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(adapter, "adapter");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(price, "price");
    }
}
