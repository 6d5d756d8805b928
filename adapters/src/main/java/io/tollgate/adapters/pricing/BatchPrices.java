package io.tollgate.adapters.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.adapters.Json;
import io.tollgate.config.ProviderType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Batch rates: what a request costs when it runs in a provider's batch API, as a percentage of its standard price,
 * per provider type, from the {@code batch_percent_of_standard} section of the bundled catalog (OpenAI and Anthropic
 * both bill batches at 50% of every rate: input, output, cache reads and writes). A batch price scales every rate
 * of the standard price, tiers included; a rate that does not scale to whole nano-dollars per million tokens is
 * rounded up (none of the catalog's does at 50%). Immutable.
 */
public final class BatchPrices {

    private static final String RESOURCE = "catalog.json";

    private final Map<ProviderType, Integer> percents;

    private BatchPrices(Map<ProviderType, Integer> percents) {
        this.percents = percents.isEmpty() ? Map.of() : new EnumMap<>(percents);
    }

    /** The batch rates of the bundled catalog. */
    public static BatchPrices bundled() {
        try (InputStream in = BatchPrices.class.getResourceAsStream(RESOURCE)) {
            JsonNode section = Json.MAPPER.readTree(in).path("batch_percent_of_standard");
            Map<ProviderType, Integer> percents = new EnumMap<>(ProviderType.class);
            section.properties().forEach(entry -> {
                ProviderType type = java.util.Arrays.stream(ProviderType.values())
                        .filter(t -> t.configName().equals(entry.getKey())).findFirst()
                        .orElseThrow(() -> new IllegalStateException("batch_percent_of_standard names an unknown "
                                + "provider type: " + entry.getKey()));
                int percent = entry.getValue().asInt(-1);
                if (percent < 1 || percent > 100) {
                    throw new IllegalStateException("batch_percent_of_standard." + entry.getKey()
                            + " must be 1 to 100, was " + entry.getValue());
                }
                percents.put(type, percent);
            });
            return new BatchPrices(percents);
        } catch (IOException e) {
            throw new UncheckedIOException("the pricing catalog cannot be read", e);
        }
    }

    /** The percentage of the standard price a batch of this provider type costs, if it runs batches. */
    public Optional<Integer> percent(ProviderType type) {
        return Optional.ofNullable(percents.get(type));
    }

    /**
     * The batch price of a model whose standard price is {@code standard}, at this provider type's batch rate.
     *
     * @return empty when the type has no batch rate in the catalog
     */
    public Optional<Price> price(ProviderType type, Price standard) {
        return percent(type).map(percent -> scaled(standard, percent));
    }

    static Price scaled(Price standard, int percent) {
        return new Price(standard.model(), scale(standard.input(), percent), scale(standard.cachedInput(), percent),
                scale(standard.cacheWrite(), percent), scale(standard.cacheWrite1h(), percent),
                scale(standard.output(), percent), scale(standard.reasoning(), percent),
                standard.tiers().stream().map(tier -> new Price.Tier(tier.abovePromptTokens(),
                        scale(tier.input(), percent), scale(tier.cachedInput(), percent),
                        scale(tier.cacheWrite(), percent), scale(tier.cacheWrite1h(), percent),
                        scale(tier.output(), percent), scale(tier.reasoning(), percent))).toList());
    }

    private static long scale(long rate, int percent) {
        return Math.ceilDiv(Math.multiplyExact(rate, percent), 100L);
    }
}
