package io.tollgate.adapters.pricing;

import io.tollgate.config.ModelPrice;
import io.tollgate.config.ProviderType;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Model prices: the catalog bundled in the jar ({@code catalog.json} beside this class, USD per one million tokens,
 * with its source and date) plus the configuration's per-provider overrides.
 *
 * <p>{@link #price} looks a model up in this order, and the first hit wins:
 * <ol>
 *   <li>the override {@code providerName/model};</li>
 *   <li>the catalog entry {@code providerType/model}, so an Azure or proxy provider of type {@code openai} gets
 *       OpenAI's list prices for OpenAI model names;</li>
 *   <li>the same two with a trailing date snapshot suffix removed from the model ({@code -2024-07-18},
 *       {@code -20250929});</li>
 *   <li>for a provider of type {@code bedrock}, the same two with a cross-region inference profile prefix removed
 *       ({@code us.}, {@code eu.}, {@code global.}...): a profile id not listed itself costs its model's price.</li>
 * </ol>
 * A model found nowhere has no price: the caller gets an empty {@code Optional}, never a silent zero.
 *
 * <p>An override that states only some rates takes each missing rate from the catalog entry it overrides (the
 * entry {@code providerType/model} looked up as above), if that entry states it; rates still missing cost the
 * input rate (cache reads and writes) or the output rate (reasoning).
 *
 * <p>A price may have tiers for long prompts; an override without {@code tiers} keeps the tiers of the catalog
 * entry it overrides, and each tier it states takes its missing rates from the catalog's tier of the same threshold.
 *
 * <p>Instances are immutable and safe to share between threads. Everything is precomputed at construction, so a
 * lookup is a few hash-map reads and, for dated model names, one substring.
 */
public final class PricingCatalog {

    private static final String RESOURCE = "catalog.json";

    private final String source;
    private final String asOf;
    private final Map<ProviderType, Map<String, Rates>> entries;
    private final Map<ProviderType, Map<String, Price>> catalog = new EnumMap<>(ProviderType.class);
    private final Map<ProviderType, List<String>> modelsByType = new EnumMap<>(ProviderType.class);
    private final Map<String, Set<ProviderType>> typesByModel;
    private final Map<String, Map<String, Map<ProviderType, Price>>> overrides;

    private PricingCatalog(String source, String asOf, Map<ProviderType, Map<String, Rates>> entries,
                           Map<String, Map<String, Map<ProviderType, Price>>> overrides) {
        this.source = source;
        this.asOf = asOf;
        this.entries = entries;
        this.overrides = overrides;
        Map<String, Set<ProviderType>> types = new HashMap<>();
        entries.forEach((type, byModel) -> {
            Map<String, Price> prices = new HashMap<>();
            byModel.forEach((model, rates) -> {
                prices.put(model, rates.toPrice(type.configName() + "/" + model));
                types.computeIfAbsent(model, m -> EnumSet.noneOf(ProviderType.class)).add(type);
            });
            catalog.put(type, Map.copyOf(prices));
            List<String> names = new ArrayList<>(prices.keySet());
            names.sort(null);
            modelsByType.put(type, List.copyOf(names));
        });
        Map<String, Set<ProviderType>> frozen = new HashMap<>();
        types.forEach((model, set) -> frozen.put(model, Set.copyOf(set)));
        this.typesByModel = Map.copyOf(frozen);
    }

    /**
     * The catalog shipped in the jar, without overrides.
     *
     * @throws IllegalStateException if the bundled catalog is missing or malformed; the message names the model
     *     key and field at fault
     */
    public static PricingCatalog bundled() {
        String name = "classpath:" + PricingCatalog.class.getPackageName().replace('.', '/') + "/" + RESOURCE;
        try (InputStream in = PricingCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("pricing catalog " + name + " is missing");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new IllegalStateException("pricing catalog " + name + " cannot be read: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * A catalog read from text in the {@code tollgate-pricing-v1} format, without overrides.
     *
     * @throws IllegalArgumentException if the text is malformed; the message names the model key and field
     */
    static PricingCatalog parse(String json, String sourceName) {
        CatalogParser.Parsed parsed = CatalogParser.parse(json, sourceName);
        return new PricingCatalog(parsed.source(), parsed.asOf(), parsed.entries(), Map.of());
    }

    /**
     * A catalog with the same bundled entries and these overrides in place of any this one has.
     *
     * @param overrides prices keyed {@code provider-name/model}, as in the configuration
     * @throws IllegalArgumentException if a key is not {@code provider-name/model} or a rate does not fit
     */
    public PricingCatalog withOverrides(Map<String, ModelPrice> overrides) {
        Map<String, Map<String, Map<ProviderType, Price>>> byProvider = new HashMap<>();
        overrides.forEach((key, price) -> {
            int slash = key.indexOf('/');
            if (slash <= 0 || slash == key.length() - 1) {
                throw new IllegalArgumentException(
                        "price override key must be 'provider-name/model', was '" + key + "'");
            }
            String model = key.substring(slash + 1);
            Rates stated = stated(key, price);
            Map<ProviderType, Price> perType = new EnumMap<>(ProviderType.class);
            for (ProviderType type : ProviderType.values()) {
                Rates base = catalogRates(type, model);
                perType.put(type, (base == null ? stated : stated.over(base)).toPrice(key));
            }
            byProvider.computeIfAbsent(key.substring(0, slash), p -> new HashMap<>()).put(model, perType);
        });
        return new PricingCatalog(source, asOf, entries, byProvider);
    }

    /**
     * The price of a model served by a provider, or empty when neither an override nor the catalog knows it.
     *
     * @param providerName the configured provider's name ({@code azure-east})
     * @param providerType the provider's type, which selects the catalog section
     * @param model the model name as sent upstream, possibly with a date suffix
     */
    public Optional<Price> price(String providerName, ProviderType providerType, String model) {
        Objects.requireNonNull(providerName, "providerName");
        Objects.requireNonNull(providerType, "providerType");
        Objects.requireNonNull(model, "model");
        Price found = find(providerName, providerType, model);
        if (found == null) {
            String base = SnapshotSuffix.strip(model);
            if (base != model) {
                found = find(providerName, providerType, base);
            }
        }
        if (found == null && providerType == ProviderType.BEDROCK) {
            String bare = InferenceProfile.strip(model);
            if (bare != model) {
                found = find(providerName, providerType, bare);
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * The provider types whose catalog section lists this unprefixed model ({@code gpt-4o-mini}), trying the name
     * without its date suffix if the full name is listed nowhere; empty if none lists it.
     */
    public Set<ProviderType> typesListing(String model) {
        Set<ProviderType> types = typesByModel.get(model);
        if (types == null) {
            types = typesByModel.get(SnapshotSuffix.strip(model));
        }
        if (types == null) {
            types = typesByModel.get(InferenceProfile.strip(model));
        }
        return types == null ? Set.of() : types;
    }

    /** The catalog's model names for a provider type, without the type prefix, sorted; empty for none. */
    public List<String> models(ProviderType type) {
        return modelsByType.get(type);
    }

    /** Where the catalog's prices come from (the providers' pricing pages, by title). */
    public String source() {
        return source;
    }

    /** The date the catalog's prices were read, {@code YYYY-MM-DD}. */
    public String asOf() {
        return asOf;
    }

    private Price find(String providerName, ProviderType type, String model) {
        Map<String, Map<ProviderType, Price>> byModel = overrides.get(providerName);
        if (byModel != null) {
            Map<ProviderType, Price> perType = byModel.get(model);
            if (perType != null) {
                return perType.get(type);
            }
        }
        return catalog.get(type).get(model);
    }

    private Rates catalogRates(ProviderType type, String model) {
        Rates rates = entries.get(type).get(model);
        return rates != null ? rates : entries.get(type).get(SnapshotSuffix.strip(model));
    }

    private static Rates stated(String key, ModelPrice price) {
        try {
            Rates flat = stated(price.input(), price.output(), price.cachedInput(), price.cacheWrite(),
                    price.cacheWrite1h(), price.reasoning());
            Optional<List<Rates.Tier>> tiers = price.tiers().map(list -> list.stream()
                    .map(t -> new Rates.Tier(t.abovePromptTokens(), stated(t.input(), t.output(), t.cachedInput(),
                            t.cacheWrite(), t.cacheWrite1h(), t.reasoning())))
                    .toList());
            return new Rates(flat.input(), flat.output(), flat.cachedInput(), flat.cacheWrite(), flat.cacheWrite1h(),
                    flat.reasoning(), tiers);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("price override '" + key + "' has a rate that does not fit", e);
        }
    }

    private static Rates stated(BigDecimal input, BigDecimal output, Optional<BigDecimal> cachedInput,
                                Optional<BigDecimal> cacheWrite, Optional<BigDecimal> cacheWrite1h,
                                Optional<BigDecimal> reasoning) {
        return new Rates(Rates.nanosPerMillion(input), Rates.nanosPerMillion(output),
                cachedInput.map(Rates::nanosPerMillion).orElse(Rates.UNSET),
                cacheWrite.map(Rates::nanosPerMillion).orElse(Rates.UNSET),
                cacheWrite1h.map(Rates::nanosPerMillion).orElse(Rates.UNSET),
                reasoning.map(Rates::nanosPerMillion).orElse(Rates.UNSET));
    }
}
