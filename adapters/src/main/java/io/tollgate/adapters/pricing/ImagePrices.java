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
 * Per-image prices of image generation models, from the {@code per_image} section of the bundled catalog: for each
 * {@code type/model}, a price in USD per image for each {@code quality/size} ({@code standard/1024x1024}), and the
 * quality and size a request gets when it names none ({@code default}). A price is offered as a {@link Price} whose
 * output rate is the per-image price times one million, so that a usage of {@code n} output units (images) costs
 * exactly {@code n} images: the reservation, the settlement and the log use the same formula as tokens. Immutable.
 */
public final class ImagePrices {

    private static final String RESOURCE = "catalog.json";
    private static final long PER_MILLION = 1_000_000L;

    private final Map<String, Map<String, Long>> nanosByModel;
    private final Map<String, String> defaults;

    private ImagePrices(Map<String, Map<String, Long>> nanosByModel, Map<String, String> defaults) {
        this.nanosByModel = Map.copyOf(nanosByModel);
        this.defaults = Map.copyOf(defaults);
    }

    /** The per-image prices of the bundled catalog. */
    public static ImagePrices bundled() {
        try (InputStream in = ImagePrices.class.getResourceAsStream(RESOURCE)) {
            return parse(Json.MAPPER.readTree(in).path("per_image"));
        } catch (IOException e) {
            throw new UncheckedIOException("the pricing catalog cannot be read", e);
        }
    }

    /** Parses a {@code per_image} section; prices are decimal strings in USD. */
    static ImagePrices parse(JsonNode section) {
        Map<String, Map<String, Long>> nanos = new HashMap<>();
        Map<String, String> defaults = new HashMap<>();
        for (Map.Entry<String, JsonNode> model : section.properties()) {
            Map<String, Long> byVariant = new HashMap<>();
            for (Map.Entry<String, JsonNode> variant : model.getValue().properties()) {
                if (variant.getKey().equals("default")) {
                    defaults.put(model.getKey(), variant.getValue().asText());
                    continue;
                }
                BigDecimal usd = new BigDecimal(variant.getValue().asText());
                byVariant.put(variant.getKey(), Money.ofUsd(usd).nanos());
            }
            if (!defaults.containsKey(model.getKey()) || !byVariant.containsKey(defaults.get(model.getKey()))) {
                throw new IllegalArgumentException("per_image '" + model.getKey() + "' needs a 'default' that names "
                        + "one of its quality/size prices");
            }
            nanos.put(model.getKey(), Map.copyOf(byVariant));
        }
        return new ImagePrices(nanos, defaults);
    }

    /**
     * The price of one image of this model at this quality and size (either empty for the model's default), as a
     * {@link Price} per million images.
     */
    public Optional<Price> price(ProviderType type, String model, String quality, String size) {
        String key = type.configName() + "/" + model;
        Map<String, Long> variants = nanosByModel.get(key);
        if (variants == null) {
            return Optional.empty();
        }
        String[] standard = defaults.get(key).split("/", 2);
        String variant = (quality.isEmpty() ? standard[0] : quality) + "/" + (size.isEmpty() ? standard[1] : size);
        Long nanos = variants.get(variant);
        return Optional.ofNullable(nanos).map(each -> new Price(key + "@" + variant, 0, 0, 0, 0,
                Math.multiplyExact(each, PER_MILLION), 0));
    }
}
