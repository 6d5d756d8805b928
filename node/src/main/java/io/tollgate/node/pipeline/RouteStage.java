package io.tollgate.node.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.ModelRef;
import io.tollgate.adapters.pricing.PricingCatalog;
import io.tollgate.adapters.spi.ProviderAdapter;
import io.tollgate.config.TollgateConfig;
import java.util.Map;

/**
 * Resolves where the request goes: the model, the provider (which must offer the operation) and the price; sets
 * {@code x-tollgate-provider} and {@code x-tollgate-model}. The provider key is chosen later by
 * {@link BalanceStage}, after governance and the cache.
 */
public final class RouteStage implements Stage {

    private final ModelResolver resolver;
    private final PricingCatalog catalog;
    private final Map<String, ProviderAdapter> adapters;

    private RouteStage(TollgateConfig config, PricingCatalog catalog, Map<String, ProviderAdapter> adapters) {
        this.resolver = new ModelResolver(config, catalog);
        this.catalog = catalog;
        this.adapters = Map.copyOf(adapters);
    }

    /**
     * A route stage over these adapters.
     *
     * @param adapters enabled providers' adapters by provider name
     */
    public static RouteStage create(TollgateConfig config, PricingCatalog catalog,
                                    Map<String, ProviderAdapter> adapters) {
        return new RouteStage(config, catalog, adapters);
    }

    @Override
    public void handle(Exchange exchange, Chain next) {
        JsonNode model = exchange.body().get("model");
        if (model == null || model.isNull()) {
            throw GatewayException.invalid("model", "You must provide a model parameter, addressed as "
                    + "provider/model (for example 'mock/echo').");
        }
        if (!model.isTextual() || model.asText().isBlank()) {
            throw GatewayException.invalid("model", "'model' must be a non-empty string, was " + model);
        }
        ModelRef ref = resolver.resolve(model.asText());
        ProviderAdapter adapter = adapters.get(ref.provider());
        if (adapter == null) {
            throw GatewayException.of(ErrorKind.NOT_FOUND, "Provider '" + ref.provider() + "' is not available.")
                    .withCode("model_not_found");
        }
        if (!adapter.supports(exchange.operation())) {
            throw GatewayException.invalid("model", "Provider '" + ref.provider() + "' ("
                    + adapter.config().type().configName() + ") does not offer "
                    + exchange.operation().name().toLowerCase(java.util.Locale.ROOT)
                    + "; choose a model of an OpenAI-type provider.");
        }
        exchange.target(new Target(ref, adapter, catalog.price(ref.provider(), adapter.config().type(), ref.model())));
        exchange.channel().header("x-tollgate-provider", ref.provider());
        exchange.channel().header("x-tollgate-model", ref.address());
        next.proceed(exchange);
    }
}
