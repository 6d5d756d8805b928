package io.tollgate.adapters.pricing;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tollgate.config.ProviderType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and validates a {@code tollgate-pricing-v1} catalog. An entry may list {@code tiers} for long prompts
 * (added compatibly: files without tiers read as before). Every failure names the source, and where it applies
 * the model key and the field, so a broken catalog stops startup with a message that says what to fix.
 */
final class CatalogParser {

    static final String FORMAT = "tollgate-pricing-v1";

    // the media sections are read by ImagePrices, SpeechPrices and TranscriptionPrices
    private static final Set<String> TOP_LEVEL = Set.of("format", "currency", "unit", "source", "as_of", "models",
            "per_image", "per_million_characters", "audio_transcription",   // ImagePrices, SpeechPrices, ...
            "batch_percent_of_standard");   // read by BatchPrices
    private static final Set<String> RATE_FIELDS =
            Set.of("input", "output", "cached_input", "cache_write", "cache_write_1h", "reasoning");
    private static final Set<String> ENTRY_FIELDS = union(RATE_FIELDS, "tiers");
    private static final Set<String> TIER_FIELDS = union(RATE_FIELDS, "above_prompt_tokens");
    private static final JsonMapper MAPPER =
            JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /**
     * What a catalog says: its provenance and its entries.
     *
     * @param entries the stated rates by provider type, then by model name without the type prefix; every type has
     *     a (possibly empty) map
     */
    record Parsed(String source, String asOf, Map<ProviderType, Map<String, Rates>> entries) {
    }

    private CatalogParser() {
    }

    /**
     * Parses a catalog.
     *
     * @param json the catalog text
     * @param sourceName where the text came from, for messages
     * @throws IllegalArgumentException naming the model key and field at fault
     */
    static Parsed parse(String json, String sourceName) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(
                    "pricing catalog " + sourceName + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw fail(sourceName, "must be a JSON object");
        }
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (!TOP_LEVEL.contains(field.getKey())) {
                throw fail(sourceName, "has unknown field '" + field.getKey() + "'");
            }
        }
        requireText(root, "format", FORMAT, sourceName);
        requireText(root, "currency", "USD", sourceName);
        requireText(root, "unit", "per 1M tokens", sourceName);
        String source = text(root, "source", sourceName);
        String asOf = text(root, "as_of", sourceName);
        try {
            LocalDate.parse(asOf);
        } catch (DateTimeParseException e) {
            throw fail(sourceName, "field 'as_of' must be a date YYYY-MM-DD, was '" + asOf + "'");
        }
        JsonNode models = root.get("models");
        if (models == null || !models.isObject() || models.isEmpty()) {
            throw fail(sourceName, "field 'models' must be a non-empty object");
        }
        Map<ProviderType, Map<String, Rates>> entries = new EnumMap<>(ProviderType.class);
        for (ProviderType type : ProviderType.values()) {
            entries.put(type, new HashMap<>());
        }
        for (Map.Entry<String, JsonNode> model : models.properties()) {
            String key = model.getKey();
            int slash = key.indexOf('/');
            if (slash <= 0 || slash == key.length() - 1 || !key.equals(key.strip())) {
                throw fail(sourceName, "model key '" + key + "' must be 'type/model'");
            }
            entries.get(type(key, key.substring(0, slash), sourceName))
                    .put(key.substring(slash + 1), rates(key, model.getValue(), sourceName));
        }
        entries.replaceAll((type, byModel) -> Map.copyOf(byModel));
        return new Parsed(source, asOf, entries);
    }

    private static ProviderType type(String key, String name, String sourceName) {
        for (ProviderType type : ProviderType.values()) {
            if (type.configName().equals(name)) {
                return type;
            }
        }
        throw fail(sourceName, "model key '" + key + "' names unknown provider type '" + name + "'");
    }

    private static Rates rates(String key, JsonNode entry, String sourceName) {
        String where = "model '" + key + "'";
        if (!entry.isObject()) {
            throw fail(sourceName, where + " must be an object of rates");
        }
        requireFields(entry, ENTRY_FIELDS, where, sourceName);
        Rates flat = flatRates(where, entry, sourceName);
        return new Rates(flat.input(), flat.output(), flat.cachedInput(), flat.cacheWrite(), flat.cacheWrite1h(),
                flat.reasoning(), tiers(where, entry.get("tiers"), sourceName));
    }

    private static Rates flatRates(String where, JsonNode entry, String sourceName) {
        return new Rates(rate(where, entry, "input", true, sourceName), rate(where, entry, "output", true, sourceName),
                rate(where, entry, "cached_input", false, sourceName),
                rate(where, entry, "cache_write", false, sourceName),
                rate(where, entry, "cache_write_1h", false, sourceName),
                rate(where, entry, "reasoning", false, sourceName));
    }

    /**
     * The entry's {@code tiers}: a list of objects, each with a whole {@code above_prompt_tokens} of at least 1,
     * strictly ascending, and its own rates ({@code input} and {@code output} required, the rest optional).
     */
    private static Optional<List<Rates.Tier>> tiers(String model, JsonNode tiers, String sourceName) {
        if (tiers == null) {
            return Optional.empty();
        }
        if (!tiers.isArray()) {
            throw fail(sourceName, model + " field 'tiers' must be a list of objects, was " + tiers);
        }
        List<Rates.Tier> out = new ArrayList<>();
        for (int i = 0; i < tiers.size(); i++) {
            String where = model + " tiers[" + i + "]";
            JsonNode tier = tiers.get(i);
            if (!tier.isObject()) {
                throw fail(sourceName, where + " must be an object of rates, was " + tier);
            }
            requireFields(tier, TIER_FIELDS, where, sourceName);
            JsonNode above = tier.get("above_prompt_tokens");
            if (above == null) {
                throw fail(sourceName, where + " is missing field 'above_prompt_tokens'");
            }
            if (!above.isIntegralNumber() || !above.canConvertToLong() || above.longValue() < 1) {
                throw fail(sourceName, where + " field 'above_prompt_tokens' must be a whole number of at least 1, was "
                        + above);
            }
            long threshold = above.longValue();
            if (!out.isEmpty() && threshold <= out.getLast().abovePromptTokens()) {
                throw fail(sourceName, where + " field 'above_prompt_tokens' must be greater than tiers[" + (i - 1)
                        + "]'s " + out.getLast().abovePromptTokens() + ", was " + threshold);
            }
            out.add(new Rates.Tier(threshold, flatRates(where, tier, sourceName)));
        }
        return Optional.of(out);
    }

    private static void requireFields(JsonNode object, Set<String> allowed, String where, String sourceName) {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (!allowed.contains(field.getKey())) {
                throw fail(sourceName, where + " has unknown field '" + field.getKey() + "'");
            }
        }
    }

    private static Set<String> union(Set<String> set, String extra) {
        Set<String> all = new HashSet<>(set);
        all.add(extra);
        return Set.copyOf(all);
    }

    private static long rate(String where, JsonNode entry, String field, boolean required, String sourceName) {
        JsonNode node = entry.get(field);
        if (node == null) {
            if (required) {
                throw fail(sourceName, where + " is missing field '" + field + "'");
            }
            return Rates.UNSET;
        }
        String at = where + " field '" + field + "'";
        if (!node.isTextual()) {
            throw fail(sourceName, at + " must be a decimal string such as \"0.15\", was " + node);
        }
        String text = node.textValue();
        if (!isPlainDecimal(text)) {
            throw fail(sourceName, at + " must be a non-negative plain decimal (USD per 1M tokens), was '"
                    + text + "'");
        }
        BigDecimal usd = new BigDecimal(text);
        if (usd.stripTrailingZeros().scale() > 9) {
            throw fail(sourceName, at + " has more than 9 decimal places, was '" + text + "'");
        }
        try {
            return Rates.nanosPerMillion(usd);
        } catch (ArithmeticException e) {
            throw fail(sourceName, at + " is too large, was '" + text + "'");
        }
    }

    /** Digits, optionally a dot and more digits: no sign, no exponent, no blanks. */
    private static boolean isPlainDecimal(String text) {
        int dot = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.' && dot < 0 && i > 0) {
                dot = i;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return !text.isEmpty() && dot != text.length() - 1;
    }

    private static void requireText(JsonNode root, String field, String expected, String sourceName) {
        String actual = text(root, field, sourceName);
        if (!expected.equals(actual)) {
            throw fail(sourceName, "field '" + field + "' must be '" + expected + "', was '" + actual + "'");
        }
    }

    private static String text(JsonNode root, String field, String sourceName) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual() || node.textValue().isBlank()) {
            throw fail(sourceName, "field '" + field + "' must be a non-blank string");
        }
        return node.textValue();
    }

    private static IllegalArgumentException fail(String sourceName, String problem) {
        return new IllegalArgumentException(String.format(Locale.ROOT, "pricing catalog %s: %s", sourceName, problem));
    }
}
