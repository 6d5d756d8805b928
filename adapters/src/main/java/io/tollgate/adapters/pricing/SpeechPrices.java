package io.tollgate.adapters.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.adapters.Json;
import io.tollgate.config.ProviderType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Text-to-speech prices per one million characters of input, from the {@code per_million_characters} section of the
 * bundled catalog ({@code "openai/tts-1": "15"}). A price is offered as a {@link Price} whose input rate is the
 * price per million characters, so that a usage of {@code c} input units (characters) costs exactly {@code c}
 * characters. Immutable.
 */
public final class SpeechPrices {

    private static final String RESOURCE = "catalog.json";

    private final Map<String, Long> nanosPerMillion;

    private SpeechPrices(Map<String, Long> nanosPerMillion) {
        this.nanosPerMillion = Map.copyOf(nanosPerMillion);
    }

    /** The speech prices of the bundled catalog. */
    public static SpeechPrices bundled() {
        try (InputStream in = SpeechPrices.class.getResourceAsStream(RESOURCE)) {
            JsonNode section = Json.MAPPER.readTree(in).path("per_million_characters");
            Map<String, Long> nanos = new HashMap<>();
            section.properties().forEach(model -> nanos.put(model.getKey(),
                    Money.ofUsd(new BigDecimal(model.getValue().asText())).nanos()));
            return new SpeechPrices(nanos);
        } catch (IOException e) {
            throw new UncheckedIOException("the pricing catalog cannot be read", e);
        }
    }

    /** The price of this model's speech, per million characters, if the catalog has it. */
    public Optional<Price> price(ProviderType type, String model) {
        String key = type.configName() + "/" + model;
        return Optional.ofNullable(nanosPerMillion.get(key)).map(rate -> new Price(key, rate, 0, 0, 0, 0, 0));
    }
}
