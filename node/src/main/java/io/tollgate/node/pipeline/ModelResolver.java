package io.tollgate.node.pipeline;

import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.ModelRef;
import io.tollgate.adapters.pricing.PricingCatalog;
import io.tollgate.config.ProviderConfig;
import io.tollgate.config.ProviderType;
import io.tollgate.config.TollgateConfig;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns the {@code model} a client sent into a {@code provider/model}. A prefix naming a configured provider wins;
 * an unprefixed name (or one whose prefix is no provider, such as {@code meta-llama/Llama-3.1-8B}) is looked up in
 * the pricing catalog and given to the one enabled provider of that type (the provider named like the type when
 * several qualify). Thread-safe.
 */
final class ModelResolver {

    private final TollgateConfig config;
    private final PricingCatalog catalog;

    ModelResolver(TollgateConfig config, PricingCatalog catalog) {
        this.config = config;
        this.catalog = catalog;
    }

    ModelRef resolve(String requested) {
        int slash = requested.indexOf('/');
        if (slash > 0 && slash < requested.length() - 1) {
            ProviderConfig provider = config.providers().get(requested.substring(0, slash));
            if (provider != null) {
                requireEnabled(provider);
                return new ModelRef(provider.name(), requested.substring(slash + 1));
            }
        }
        Set<ProviderType> types = catalog.typesListing(requested);
        List<ProviderConfig> candidates = config.providers().values().stream()
                .filter(ProviderConfig::enabled)
                .filter(p -> types.contains(p.type()))
                .toList();
        if (candidates.size() == 1) {
            return new ModelRef(candidates.get(0).name(), requested);
        }
        for (ProviderConfig candidate : candidates) {
            if (candidate.name().equals(candidate.type().configName())) {
                return new ModelRef(candidate.name(), requested);
            }
        }
        if (candidates.size() > 1) {
            throw GatewayException.invalid("model", "Model '" + requested + "' is offered by several providers ("
                    + candidates.stream().map(ProviderConfig::name).collect(Collectors.joining(", "))
                    + "); address it as provider/model, for example '" + candidates.get(0).name() + "/"
                    + requested + "'.");
        }
        if (slash > 0) {
            throw GatewayException.of(ErrorKind.NOT_FOUND, "Unknown provider '" + requested.substring(0, slash)
                    + "' in model '" + requested + "'. " + configured()).withCode("model_not_found");
        }
        String hint = types.isEmpty() ? "" : " It is listed for " + types.stream().map(ProviderType::configName)
                .collect(Collectors.joining(", ")) + ", but no such provider is enabled.";
        throw GatewayException.of(ErrorKind.NOT_FOUND, "Model '" + requested + "' is not known." + hint
                + " Address models as provider/model, for example 'mock/echo'. " + configured())
                .withCode("model_not_found");
    }

    private void requireEnabled(ProviderConfig provider) {
        provider.disabledReason().ifPresent(reason -> {
            throw GatewayException.of(ErrorKind.NOT_FOUND,
                    "Provider '" + provider.name() + "' is disabled: " + reason + ".").withCode("provider_disabled");
        });
    }

    private String configured() {
        return "Configured providers: " + config.providers().values().stream()
                .map(p -> p.enabled() ? p.name() : p.name() + " (disabled)")
                .collect(Collectors.joining(", ")) + ".";
    }
}
