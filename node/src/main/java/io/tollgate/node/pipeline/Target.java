package io.tollgate.node.pipeline;

import io.tollgate.adapters.ModelRef;
import io.tollgate.adapters.pricing.Price;
import io.tollgate.adapters.spi.ProviderAdapter;
import java.util.Objects;
import java.util.Optional;

/**
 * What a request asks for, resolved: the {@code provider/model}, the provider's adapter and the model's price
 * (empty when the catalog has none). The key that serves it is chosen later, by the balance stage.
 *
 * @param model the resolved model
 * @param adapter the provider's adapter
 * @param price the model's price, if known
 */
public record Target(ModelRef model, ProviderAdapter adapter, Optional<Price> price) {

    public Target {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(adapter, "adapter");
        Objects.requireNonNull(price, "price");
    }
}
