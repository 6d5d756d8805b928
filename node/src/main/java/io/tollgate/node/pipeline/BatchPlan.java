package io.tollgate.node.pipeline;

import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.ModelRef;
import io.tollgate.adapters.Operation;
import io.tollgate.adapters.batch.BatchLine;
import io.tollgate.adapters.pricing.BatchPrices;
import io.tollgate.adapters.pricing.Price;
import io.tollgate.adapters.pricing.PricingCatalog;
import io.tollgate.adapters.spi.ProviderAdapter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a batch's lines go and what they may cost at most: every line's model resolved (all on one provider), its
 * upstream name, and the sum of the lines' worst cases at batch prices, sized as a single request's would be
 * ({@link TokenBounds}: the input's upper bound, the output asked for or the default allowance). Immutable.
 *
 * @param provider the provider every line goes to
 * @param address the first line's model as {@code provider/model}: the batch's model in the log and for routing
 * @param upstream each model as the client named it, to the upstream's name for it
 * @param worstNanos what all lines may cost at most, at batch prices
 * @param inputTokens an upper bound of all lines' input tokens
 * @param outputTokens the most output tokens all lines may produce
 */
record BatchPlan(String provider, String address, Map<String, String> upstream, long worstNanos, long inputTokens,
                 long outputTokens) {

    BatchPlan {
        upstream = Map.copyOf(upstream);
    }

    /** The upstream's name for a model as a line named it. */
    String upstreamModel(String model) {
        String name = upstream.get(model);
        if (name == null) {
            throw new IllegalArgumentException("no line names model " + model);
        }
        return name;
    }

    /**
     * Plans a batch.
     *
     * @param operation what each line asks ({@code CHAT} for Anthropic's and for OpenAI's chat endpoint)
     * @param param the parameter to name in errors ({@code file}, {@code requests})
     * @param oneModel true when every line must name the same model (OpenAI's rule)
     * @throws GatewayException {@code INVALID_REQUEST} for a line whose model is unknown, on another provider or
     *     without a batch price
     */
    static BatchPlan of(List<BatchLine> lines, Operation operation, String param, boolean oneModel,
                        ModelResolver resolver, Map<String, ProviderAdapter> adapters, PricingCatalog catalog,
                        BatchPrices batchPrices, long defaultOutputTokens) {
        String provider = null;
        String address = null;
        Map<String, String> upstream = new HashMap<>();
        Map<String, Price> prices = new HashMap<>();
        long worst = 0;
        long input = 0;
        long output = 0;
        for (int i = 0; i < lines.size(); i++) {
            BatchLine line = lines.get(i);
            String where = "request " + (i + 1) + " ('" + line.customId() + "')";
            if (!upstream.containsKey(line.model())) {
                ModelRef ref;
                try {
                    ref = resolver.resolve(line.model());
                } catch (GatewayException unknown) {
                    throw GatewayException.invalid(param, "The batch's " + where + ": " + unknown.getMessage());
                }
                if (provider == null) {
                    provider = ref.provider();
                    address = ref.address();
                } else if (!provider.equals(ref.provider())) {
                    throw GatewayException.invalid(param, "The batch's " + where + " asks for provider '"
                            + ref.provider() + "' but the requests before ask for '" + provider + "'; a batch "
                            + "runs on one provider.");
                } else if (oneModel) {
                    throw GatewayException.invalid(param, "The batch's " + where + " asks for model '"
                            + line.model() + "' but the requests before ask for '" + lines.get(0).model()
                            + "'; every request of an OpenAI batch uses the same model.");
                }
                ProviderAdapter adapter = adapters.get(ref.provider());
                if (adapter == null) {
                    throw GatewayException.invalid(param, "The batch's " + where + ": provider '" + ref.provider()
                            + "' is not available.");
                }
                Price price = catalog.price(ref.provider(), adapter.config().type(), ref.model())
                        .flatMap(standard -> batchPrices.price(adapter.config().type(), standard))
                        .orElseThrow(() -> GatewayException.invalid(param, "The batch's " + where + " asks for "
                                + "model '" + ref.address() + "', which has no batch price; a batch is charged "
                                + "line by line at batch prices, so each model needs one (add it under 'pricing')."));
                upstream.put(line.model(), ref.model());
                prices.put(line.model(), price);
            }
            long in = TokenBounds.input(operation, line.body());
            long out = operation == Operation.EMBEDDINGS ? 0 : TokenBounds.requestedOutput(line.body())
                    .orElse(defaultOutputTokens * TokenBounds.choices(line.body()));
            Price price = prices.get(line.model()).at(in);
            long inputRate = Math.max(price.input(), Math.max(price.cacheWrite(), price.cacheWrite1h()));
            worst = Math.addExact(worst, Math.addExact(Math.ceilDiv(Math.multiplyExact(in, inputRate), 1_000_000L),
                    Math.ceilDiv(Math.multiplyExact(out, Math.max(price.output(), price.reasoning())), 1_000_000L)));
            input = Math.addExact(input, in);
            output = Math.addExact(output, out);
        }
        return new BatchPlan(provider, address, upstream, worst, input, output);
    }

    /** What the lines of an OpenAI batch ask, by its endpoint. */
    static Operation operation(String endpoint) {
        return switch (endpoint) {
            case "/v1/embeddings" -> Operation.EMBEDDINGS;
            case "/v1/completions" -> Operation.COMPLETIONS;
            case "/v1/responses" -> Operation.RESPONSES;
            default -> Operation.CHAT;
        };
    }
}
