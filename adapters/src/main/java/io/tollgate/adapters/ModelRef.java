package io.tollgate.adapters;

import java.util.Objects;

/**
 * A model addressed as {@code provider/model}, for example {@code openai/gpt-4o-mini}. The model part may itself
 * contain slashes ({@code local-vllm/meta-llama/Llama-3.1-8B}); only the first slash separates the provider.
 *
 * @param provider the configured provider's name
 * @param model the model name the upstream knows
 */
public record ModelRef(String provider, String model) {

    public ModelRef {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        if (provider.isBlank() || model.isBlank()) {
            throw new IllegalArgumentException("provider and model must not be blank, was '" + provider + "/" + model + "'");
        }
    }

    /** The address as clients write it. */
    public String address() {
        return provider + "/" + model;
    }

    @Override
    public String toString() {
        return address();
    }
}
