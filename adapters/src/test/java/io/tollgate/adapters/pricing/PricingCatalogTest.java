package io.tollgate.adapters.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.adapters.Usage;
import io.tollgate.config.ModelPrice;
import io.tollgate.config.ProviderType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PricingCatalogTest {

    private static final PricingCatalog CATALOG = PricingCatalog.parse("""
            { "format": "tollgate-pricing-v1", "currency": "USD", "unit": "per 1M tokens",
              "source": "test pages", "as_of": "2026-11-29", "models": {
                "openai/gpt-4o": { "input": "2.50", "cached_input": "1.25", "output": "10" },
                "openai/gpt-4o-2024-05-13": { "input": "5", "output": "15" },
                "openai/gpt-4o-mini": { "input": "0.15", "cached_input": "0.075", "output": "0.60" },
                "anthropic/claude-sonnet-4-5": { "input": "3", "output": "15", "cached_input": "0.30",
                                                 "cache_write": "3.75", "cache_write_1h": "6" },
                "anthropic/shared-name": { "input": "1", "output": "1" },
                "openai/shared-name": { "input": "2", "output": "2" },
                "gemini/gemini-2.5-pro": { "input": "1.25", "cached_input": "0.125", "output": "10",
                  "tiers": [ { "above_prompt_tokens": 200000, "input": "2.50", "cached_input": "0.25",
                               "output": "15" } ] }
              } }""", "test");

    @Test
    void shouldPriceCatalogModelUnderItsKey() {
        Price price = CATALOG.price("openai", ProviderType.OPENAI, "gpt-4o-mini").orElseThrow();
        assertThat(price.model()).isEqualTo("openai/gpt-4o-mini");
        assertThat(price.input()).isEqualTo(150_000_000L);
        assertThat(price.cachedInput()).isEqualTo(75_000_000L);
        assertThat(price.output()).isEqualTo(600_000_000L);
        assertThat(price.reasoning()).as("reasoning defaults to output").isEqualTo(600_000_000L);
        assertThat(price.cacheWrite()).as("cache write defaults to input").isEqualTo(150_000_000L);
        assertThat(price.cost(Usage.of(1_000_000, 0)).toUsdString()).isEqualTo("0.15");
    }

    @Test
    void shouldFallBackToTypeSectionForDifferentlyNamedProvider() {
        assertThat(CATALOG.price("azure-east", ProviderType.OPENAI, "gpt-4o").map(Price::model))
                .hasValue("openai/gpt-4o");
        assertThat(CATALOG.price("my-proxy", ProviderType.ANTHROPIC, "claude-sonnet-4-5").map(Price::model))
                .hasValue("anthropic/claude-sonnet-4-5");
        assertThat(CATALOG.price("my-proxy", ProviderType.ANTHROPIC, "gpt-4o")).isEmpty();
        assertThat(CATALOG.price("mock", ProviderType.MOCK, "gpt-4o")).isEmpty();
    }

    @Test
    void shouldTreatUnknownModelAsUnpriced() {
        assertThat(CATALOG.price("openai", ProviderType.OPENAI, "gpt-99")).isEmpty();
        assertThat(CATALOG.price("openai", ProviderType.OPENAI, "")).isEmpty();
        assertThat(CATALOG.price("openai", ProviderType.OPENAI, "gpt-99-2025-01-01")).isEmpty();
    }

    @Test
    void shouldStripDateSuffixOnlyWhenFullNameIsUnknown() {
        assertThat(CATALOG.price("openai", ProviderType.OPENAI, "gpt-4o-mini-2024-07-18").map(Price::model))
                .hasValue("openai/gpt-4o-mini");
        assertThat(CATALOG.price("x", ProviderType.ANTHROPIC, "claude-sonnet-4-5-20250929").map(Price::model))
                .hasValue("anthropic/claude-sonnet-4-5");
        assertThat(CATALOG.price("openai", ProviderType.OPENAI, "gpt-4o-2024-05-13").map(Price::input))
                .as("a snapshot priced on its own keeps its price").hasValue(5_000_000_000L);
        assertThat(CATALOG.price("openai", ProviderType.OPENAI, "gpt-4o-0613")).isEmpty();
    }

    @Test
    void shouldPreferOverrideOverCatalog() {
        PricingCatalog catalog =
                CATALOG.withOverrides(Map.of("openai/gpt-4o-mini", ModelPrice.of(usd("0.10"), usd("0.40"))));
        Price price = catalog.price("openai", ProviderType.OPENAI, "gpt-4o-mini").orElseThrow();
        assertThat(price.model()).isEqualTo("openai/gpt-4o-mini");
        assertThat(price.input()).isEqualTo(100_000_000L);
        assertThat(price.output()).isEqualTo(400_000_000L);
        assertThat(catalog.price("other", ProviderType.OPENAI, "gpt-4o-mini").map(Price::input))
                .as("another provider of the same type still gets the list price").hasValue(150_000_000L);
    }

    @Test
    void shouldFallBackPerRateToOverriddenCatalogEntryThenToInputAndOutput() {
        PricingCatalog catalog = CATALOG.withOverrides(Map.of("azure/gpt-4o", ModelPrice.of(usd("2.75"), usd("11"))));
        Price price = catalog.price("azure", ProviderType.OPENAI, "gpt-4o").orElseThrow();
        assertThat(price).isEqualTo(new Price("azure/gpt-4o", 2_750_000_000L,
                1_250_000_000L, // the catalog's published cached rate
                2_750_000_000L, 2_750_000_000L, // not published: the override's input rate
                11_000_000_000L,
                11_000_000_000L)); // reasoning: the override's output rate
    }

    @Test
    void shouldKeepEveryRateAnOverrideStates() {
        ModelPrice full = new ModelPrice(usd("3"), usd("15"), Optional.of(usd("0.31")), Optional.of(usd("3.76")),
                Optional.of(usd("6.1")), Optional.of(usd("16")), Optional.empty());
        Price price = CATALOG.withOverrides(Map.of("bedrock/claude-sonnet-4-5", full))
                .price("bedrock", ProviderType.ANTHROPIC, "claude-sonnet-4-5").orElseThrow();
        assertThat(price).isEqualTo(new Price("bedrock/claude-sonnet-4-5", 3_000_000_000L, 310_000_000L,
                3_760_000_000L, 6_100_000_000L, 15_000_000_000L, 16_000_000_000L));
    }

    @Test
    void shouldFallBackToCatalogCacheRatesOfTheProvidersType() {
        PricingCatalog catalog = CATALOG.withOverrides(
                Map.of("proxy/claude-sonnet-4-5", ModelPrice.of(usd("3.30"), usd("16.50"))));
        Price anthropic = catalog.price("proxy", ProviderType.ANTHROPIC, "claude-sonnet-4-5").orElseThrow();
        assertThat(anthropic.cacheWrite()).isEqualTo(3_750_000_000L);
        assertThat(anthropic.cacheWrite1h()).isEqualTo(6_000_000_000L);
        assertThat(anthropic.cachedInput()).isEqualTo(300_000_000L);
        Price openai = catalog.price("proxy", ProviderType.OPENAI, "claude-sonnet-4-5").orElseThrow();
        assertThat(openai.cacheWrite()).as("no openai entry to inherit from").isEqualTo(3_300_000_000L);
    }

    @Test
    void shouldPriceModelKnownOnlyToAnOverride() {
        PricingCatalog catalog = CATALOG.withOverrides(
                Map.of("local-vllm/meta-llama/Llama-3.1-8B", ModelPrice.of(usd("0.02"), usd("0.05"))));
        Price price = catalog.price("local-vllm", ProviderType.OPENAI, "meta-llama/Llama-3.1-8B").orElseThrow();
        assertThat(price).isEqualTo(new Price("local-vllm/meta-llama/Llama-3.1-8B", 20_000_000L, 20_000_000L,
                20_000_000L, 20_000_000L, 50_000_000L, 50_000_000L));
        assertThat(catalog.price("local-vllm", ProviderType.OPENAI, "other")).isEmpty();
    }

    @Test
    void shouldMatchOverrideAfterStrippingDateBeforeCatalog() {
        PricingCatalog catalog = CATALOG.withOverrides(Map.of("azure/gpt-4o", ModelPrice.of(usd("2.75"), usd("11"))));
        assertThat(catalog.price("azure", ProviderType.OPENAI, "gpt-4o-2024-08-06").map(Price::model))
                .hasValue("azure/gpt-4o");
        assertThat(catalog.price("azure", ProviderType.OPENAI, "gpt-4o-2024-05-13").map(Price::model))
                .as("an exact catalog entry comes before any stripped name").hasValue("openai/gpt-4o-2024-05-13");
    }

    @Test
    void shouldReplaceOverridesRatherThanAccumulate() {
        PricingCatalog first = CATALOG.withOverrides(Map.of("a/gpt-4o", ModelPrice.of(usd("1"), usd("1"))));
        PricingCatalog second = first.withOverrides(Map.of("b/gpt-4o", ModelPrice.of(usd("2"), usd("2"))));
        assertThat(second.price("a", ProviderType.OPENAI, "gpt-4o").map(Price::model)).hasValue("openai/gpt-4o");
        assertThat(second.price("b", ProviderType.OPENAI, "gpt-4o").map(Price::model)).hasValue("b/gpt-4o");
        assertThat(CATALOG.price("a", ProviderType.OPENAI, "gpt-4o").map(Price::model)).hasValue("openai/gpt-4o");
    }

    @Test
    void shouldRejectOverrideKeyWithoutProvider() {
        ModelPrice any = ModelPrice.of(usd("1"), usd("1"));
        assertThatThrownBy(() -> CATALOG.withOverrides(Map.of("gpt-4o", any)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'gpt-4o'");
        assertThatThrownBy(() -> CATALOG.withOverrides(Map.of("/gpt-4o", any))).hasMessageContaining("'/gpt-4o'");
        assertThatThrownBy(() -> CATALOG.withOverrides(Map.of("azure/", any))).hasMessageContaining("'azure/'");
    }

    @Test
    void shouldRejectOverrideRateThatDoesNotFit() {
        ModelPrice huge = ModelPrice.of(usd("10000000000"), usd("1"));
        assertThatThrownBy(() -> CATALOG.withOverrides(Map.of("azure/gpt-4o", huge)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'azure/gpt-4o'");
    }

    @Test
    void shouldListTypesForUnprefixedModel() {
        assertThat(CATALOG.typesListing("gpt-4o-mini")).containsExactly(ProviderType.OPENAI);
        assertThat(CATALOG.typesListing("gpt-4o-mini-2024-07-18")).containsExactly(ProviderType.OPENAI);
        assertThat(CATALOG.typesListing("claude-sonnet-4-5")).containsExactly(ProviderType.ANTHROPIC);
        assertThat(CATALOG.typesListing("shared-name"))
                .containsExactlyInAnyOrder(ProviderType.OPENAI, ProviderType.ANTHROPIC);
        assertThat(CATALOG.typesListing("nothing")).isEmpty();
    }

    @Test
    void shouldListModelsPerTypeSorted() {
        assertThat(CATALOG.models(ProviderType.OPENAI))
                .containsExactly("gpt-4o", "gpt-4o-2024-05-13", "gpt-4o-mini", "shared-name");
        assertThat(CATALOG.models(ProviderType.ANTHROPIC)).containsExactly("claude-sonnet-4-5", "shared-name");
        assertThat(CATALOG.models(ProviderType.MOCK)).isEmpty();
    }

    @Test
    void shouldKeepTheCatalogTiersWhenAnOverrideStatesNone() {
        Price price = CATALOG.withOverrides(Map.of("vertexish/gemini-2.5-pro", ModelPrice.of(usd("1"), usd("8"))))
                .price("vertexish", ProviderType.GEMINI, "gemini-2.5-pro").orElseThrow();
        assertThat(price.input()).isEqualTo(1_000_000_000L);
        assertThat(price.cachedInput()).as("the catalog's cached rate").isEqualTo(125_000_000L);
        assertThat(price.tiers()).containsExactly(new Price.Tier(200_000, 2_500_000_000L, 250_000_000L,
                2_500_000_000L, 2_500_000_000L, 15_000_000_000L, 15_000_000_000L));
    }

    @Test
    void shouldDropTheCatalogTiersWhenAnOverrideStatesAnEmptyList() {
        ModelPrice flat = new ModelPrice(usd("1"), usd("8"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(List.of()));
        Price price = CATALOG.withOverrides(Map.of("gemini/gemini-2.5-pro", flat))
                .price("gemini", ProviderType.GEMINI, "gemini-2.5-pro").orElseThrow();
        assertThat(price.tiers()).isEmpty();
        assertThat(price.cost(Usage.of(1_000_000, 0)).toUsdString()).isEqualTo("1");
    }

    @Test
    void shouldFillAnOverrideTiersUnstatedRatesFromTheCatalogTierOfTheSameThreshold() {
        ModelPrice tiered = new ModelPrice(usd("1"), usd("8"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(List.of(
                        new ModelPrice.Tier(200_000, usd("2"), usd("12"), Optional.empty(), Optional.empty(),
                                Optional.empty(), Optional.empty()),
                        new ModelPrice.Tier(500_000, usd("3"), usd("14"), Optional.empty(), Optional.empty(),
                                Optional.empty(), Optional.of(usd("20"))))));
        Price price = CATALOG.withOverrides(Map.of("gemini/gemini-2.5-pro", tiered))
                .price("gemini", ProviderType.GEMINI, "gemini-2.5-pro").orElseThrow();
        assertThat(price.tiers()).containsExactly(
                new Price.Tier(200_000, 2_000_000_000L, 250_000_000L, // the catalog tier's cached rate
                        2_000_000_000L, 2_000_000_000L, 12_000_000_000L, 12_000_000_000L),
                new Price.Tier(500_000, 3_000_000_000L, 3_000_000_000L, // no catalog tier there: own input
                        3_000_000_000L, 3_000_000_000L, 14_000_000_000L, 20_000_000_000L));
        assertThat(price.cost(Usage.of(500_001, 0)).toUsdString()).isEqualTo("1.500003");
    }

    private static BigDecimal usd(String text) {
        return new BigDecimal(text);
    }
}
