package io.tollgate.node.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Operation;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.ModelRef;
import io.tollgate.adapters.pricing.ImagePrices;
import io.tollgate.adapters.pricing.PricingCatalog;
import io.tollgate.adapters.pricing.SpeechPrices;
import io.tollgate.adapters.pricing.TranscriptionPrices;
import io.tollgate.adapters.spi.ProviderAdapter;
import io.tollgate.config.TollgateConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Resolves where the request goes: the model, the provider (which must offer the operation) and the price, and the
 * same for each fallback the request names ({@code fallbacks}, taken out of the body) or, when it names none, each
 * of its virtual key's default fallbacks; sets
 * {@code x-tollgate-provider} and {@code x-tollgate-model}. The provider key is chosen later by
 * {@link BalanceStage}, after governance and the cache; {@link FailoverStage} tries the candidates in order.
 */
public final class RouteStage implements Stage {

    /** The most fallbacks a request may name. */
    static final int MAX_FALLBACKS = 5;

    private final ModelResolver resolver;
    private final PricingCatalog catalog;
    private final Map<String, ProviderAdapter> adapters;
    private final ImagePrices images = ImagePrices.bundled();
    private final SpeechPrices speech = SpeechPrices.bundled();
    private final io.tollgate.adapters.pricing.BatchPrices batches = io.tollgate.adapters.pricing.BatchPrices.bundled();
    private final TranscriptionPrices transcriptions = TranscriptionPrices.bundled();

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
        Target primary = resolve(model.asText(), exchange, "model");
        List<Target> candidates = new ArrayList<>();
        candidates.add(primary);
        List<String> asked = requestFallbacks(exchange);
        for (String fallback : asked) {
            candidates.add(resolve(fallback, exchange, "fallbacks"));
        }
        if (asked.isEmpty() && exchange.resource().isEmpty()) {
            // the virtual key's default fallbacks (never for a stored file or batch: it lives where it is); one whose provider is off right now is left out
            exchange.governed().map(governed -> governed.key().fallbacks()).orElse(List.of()).forEach(fallback -> {
                try {
                    candidates.add(resolve(fallback, exchange, "fallbacks"));
                } catch (GatewayException unavailable) {
                    // not a client error: the key's owner named it; the request goes on without it
                }
            });
        }
        exchange.target(primary);
        exchange.candidates(candidates);
        exchange.channel().header("x-tollgate-provider", primary.model().provider());
        exchange.channel().header("x-tollgate-model", primary.model().address());
        next.proceed(exchange);
    }

    private Target resolve(String address, Exchange exchange, String param) {
        ModelRef ref;
        try {
            ref = resolver.resolve(address);
        } catch (GatewayException unknown) {
            if (param.equals("model")) {
                throw unknown;
            }
            throw GatewayException.invalid(param, "Fallback '" + address + "': " + unknown.getMessage());
        }
        ProviderAdapter adapter = adapters.get(ref.provider());
        if (adapter == null) {
            GatewayException missing = GatewayException.of(ErrorKind.NOT_FOUND, "Provider '" + ref.provider()
                    + "' is not available.").withCode("model_not_found");
            throw param.equals("model") ? missing : GatewayException.invalid(param, "Fallback '" + address
                    + "': provider '" + ref.provider() + "' is not available.");
        }
        if (exchange.resource().isPresent()) {
            // files and batches live at the provider, in its own format: the client's route must speak it (a
            // Response the gateway made itself is answered by the gateway)
            boolean local = exchange.resource().flatMap(ResourceCall::localAnswer).isPresent();
            if (!local && (!adapter.hasResources() || adapter.dialect() != exchange.dialect())) {
                throw GatewayException.invalid(param, "Provider '" + ref.provider() + "' ("
                        + adapter.config().type().configName() + ") keeps no "
                        + (exchange.dialect() == io.tollgate.adapters.Dialect.ANTHROPIC ? "Message Batches"
                                : "files or batches") + " for this route; choose a model of "
                        + (exchange.dialect() == io.tollgate.adapters.Dialect.ANTHROPIC ? "an Anthropic"
                                : "an OpenAI") + " provider.");
            }
            java.util.Optional<io.tollgate.adapters.pricing.Price> standard = catalog.price(ref.provider(),
                    adapter.config().type(), ref.model());
            return new Target(ref, adapter, standard.flatMap(price -> batches.price(adapter.config().type(), price)));
        }
        boolean overChat = exchange.operation() == Operation.RESPONSES && adapter.supports(Operation.CHAT);
        boolean counted = exchange.operation() == Operation.COUNT_TOKENS;   // answered or estimated for any
        if (!adapter.supports(exchange.operation()) && !overChat && !counted) {
            throw GatewayException.invalid(param, "Provider '" + ref.provider() + "' ("
                    + adapter.config().type().configName() + ") does not offer "
                    + exchange.operation().name().toLowerCase(java.util.Locale.ROOT)
                    + "; choose a model of an OpenAI-type provider.");
        }
        if (exchange.operation().audioUpload()) {
            // per second of audio or per audio and text token, as the catalog says
            return new Target(ref, adapter, transcriptions.price(adapter.config().type(), ref.model())
                    .map(TranscriptionPrices.TranscriptionPrice::price));
        }
        if (exchange.operation() == Operation.SPEECH) {
            return new Target(ref, adapter, speech.price(adapter.config().type(), ref.model()));
        }
        if (exchange.operation() == Operation.IMAGES) {
            // priced per image, by the quality and size asked for (the model's defaults when unsaid)
            return new Target(ref, adapter, images.price(adapter.config().type(), ref.model(),
                    exchange.body().path("quality").asText(""), exchange.body().path("size").asText("")));
        }
        return new Target(ref, adapter, catalog.price(ref.provider(), adapter.config().type(), ref.model()));
    }

    /**
     * The request's own {@code fallbacks} (a Tollgate extension: a list of {@code provider/model}), taken out of the
     * body so the upstream never sees it.
     */
    private static List<String> requestFallbacks(Exchange exchange) {
        JsonNode fallbacks = exchange.body().get("fallbacks");
        if (fallbacks == null || fallbacks.isNull()) {
            return List.of();
        }
        if (!fallbacks.isArray() || fallbacks.size() > MAX_FALLBACKS) {
            throw GatewayException.invalid("fallbacks", "'fallbacks' must be a list of at most " + MAX_FALLBACKS
                    + " models addressed as provider/model, was " + fallbacks);
        }
        List<String> models = new ArrayList<>();
        for (JsonNode fallback : fallbacks) {
            if (!fallback.isTextual() || fallback.asText().isBlank()) {
                throw GatewayException.invalid("fallbacks", "every fallback must be a model addressed as "
                        + "provider/model, was " + fallback);
            }
            models.add(fallback.asText());
        }
        ObjectNode body = exchange.body().deepCopy();
        body.remove("fallbacks");
        exchange.replaceBody(body);
        return models;
    }
}
