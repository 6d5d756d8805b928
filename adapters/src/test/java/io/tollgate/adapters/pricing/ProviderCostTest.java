package io.tollgate.adapters.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.adapters.Usage;
import io.tollgate.config.ModelPrice;
import io.tollgate.config.ProviderType;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bundled prices of the issue 11 providers against figures worked out by hand from the published rates (USD per
 * 1M tokens, so tokens x rate is micro-dollars), to the nano-dollar.
 */
class ProviderCostTest {

    private static final PricingCatalog BUNDLED = PricingCatalog.bundled();

    @Test
    void shouldCostGemini25ProWithCachedAndThinkingTokensAtTheBaseTier() {
        Price pro = BUNDLED.price("gemini", ProviderType.GEMINI, "gemini-2.5-pro").orElseThrow();
        Usage usage = new Usage(150_000, 50_000, 0, 0, 2_000, 8_000);
        // prompt 200,000 is not above 200k: 150,000 x 1.25 + 50,000 x 0.125 + (2,000 + 8,000 thinking) x 10
        // = 187,500 + 6,250 + 100,000 micro-dollars
        assertThat(pro.cost(usage).nanos()).isEqualTo(293_750_000L);
    }

    @Test
    void shouldCostGemini25ProAtTheLongTierOneTokenAboveTheThreshold() {
        Price pro = BUNDLED.price("gemini", ProviderType.GEMINI, "gemini-2.5-pro").orElseThrow();
        Usage usage = new Usage(150_000, 50_001, 0, 0, 2_000, 8_000);
        // prompt 200,001: 150,000 x 2.50 + 50,001 x 0.25 + 10,000 x 15 = 375,000 + 12,500.25 + 150,000
        assertThat(pro.cost(usage).nanos()).isEqualTo(537_500_250L);
    }

    @Test
    void shouldBillGeminiThinkingAsOutput() {
        for (String model : new String[] {"gemini-2.5-pro", "gemini-2.5-flash", "gemini-2.5-flash-lite",
                "gemini-2.0-flash", "gemini-3.1-pro-preview"}) {
            Price price = BUNDLED.price("gemini", ProviderType.GEMINI, model).orElseThrow();
            assertThat(price.reasoning()).as(model).isEqualTo(price.output());
            price.tiers().forEach(tier -> assertThat(tier.reasoning()).as(model).isEqualTo(tier.output()));
        }
        Price flash = BUNDLED.price("gemini", ProviderType.GEMINI, "gemini-2.5-flash").orElseThrow();
        // 1,000,000 x 0.30 + (100,000 + 300,000 thinking) x 2.50
        assertThat(flash.cost(new Usage(1_000_000, 0, 0, 0, 100_000, 300_000)).toUsdString()).isEqualTo("1.3");
        assertThat(flash.tiers()).as("flat above 200k").isEmpty();
    }

    @Test
    void shouldCostBedrockClaudeWithCacheReadsAndBothCacheWrites() {
        Price sonnet4 = BUNDLED.price("bedrock", ProviderType.BEDROCK, "anthropic.claude-sonnet-4-20250514-v1:0")
                .orElseThrow();
        Usage usage = new Usage(1_001, 20_000, 3_000, 2_000, 500, 1_500);
        // 1,001 x 3 + 20,000 x 0.30 + 3,000 x 3.75 + 2,000 x 6 + (500 + 1,500) x 15
        // = 3,003 + 6,000 + 11,250 + 12,000 + 30,000 micro-dollars
        assertThat(sonnet4.cost(usage).nanos()).isEqualTo(62_253_000L);
    }

    @Test
    void shouldCostBedrockSonnet45AtTheRegionalRateThroughAGeographicProfileAndCheaperThroughTheGlobalOne() {
        Usage usage = new Usage(1_000, 20_000, 3_000, 2_000, 500, 1_500);
        Price geographic = BUNDLED.price("bedrock", ProviderType.BEDROCK,
                "us.anthropic.claude-sonnet-4-5-20250929-v1:0").orElseThrow();
        assertThat(geographic.model()).isEqualTo("bedrock/anthropic.claude-sonnet-4-5-20250929-v1:0");
        // 1,000 x 3.30 + 20,000 x 0.33 + 3,000 x 4.125 + 2,000 x 6.60 + 2,000 x 16.50
        // = 3,300 + 6,600 + 12,375 + 13,200 + 33,000 micro-dollars
        assertThat(geographic.cost(usage).nanos()).isEqualTo(68_475_000L);
        Price global = BUNDLED.price("bedrock", ProviderType.BEDROCK,
                "global.anthropic.claude-sonnet-4-5-20250929-v1:0").orElseThrow();
        // 3,000 + 6,000 + 11,250 + 12,000 + 30,000 micro-dollars
        assertThat(global.cost(usage).nanos()).isEqualTo(62_250_000L);
    }

    @Test
    void shouldCostDeepSeekReasonerWithCacheHitsAndReasoningToTheNano() {
        Price reasoner = BUNDLED.price("deepseek", ProviderType.DEEPSEEK, "deepseek-reasoner").orElseThrow();
        Usage usage = new Usage(12_345, 54_321, 0, 0, 678, 9_012);
        // 12,345 x 0.28 + 54,321 x 0.028 + (678 + 9,012) x 0.42 = 3,456.6 + 1,520.988 + 4,069.8 micro-dollars
        assertThat(reasoner.cost(usage).nanos()).isEqualTo(9_047_388L);
        assertThat(reasoner.cost(new Usage(0, 1, 0, 0, 0, 0)).nanos()).isEqualTo(28L);
    }

    @Test
    void shouldSwitchAnthropicSonnetToLongContextRatesAbove200kInputTokens() {
        Price sonnet = BUNDLED.price("anthropic", ProviderType.ANTHROPIC, "claude-sonnet-4-5-20250929").orElseThrow();
        Usage atThreshold = new Usage(100_000, 50_000, 30_000, 20_000, 1_000, 0);
        // 100,000 x 3 + 50,000 x 0.30 + 30,000 x 3.75 + 20,000 x 6 + 1,000 x 15
        assertThat(sonnet.cost(atThreshold).nanos()).isEqualTo(562_500_000L);
        Usage above = new Usage(100_001, 50_000, 30_000, 20_000, 1_000, 0);
        // 100,001 x 6 + 50,000 x 0.60 + 30,000 x 7.50 + 20,000 x 12 + 1,000 x 22.50
        assertThat(sonnet.cost(above).nanos()).isEqualTo(1_117_506_000L);
        assertThat(BUNDLED.price("anthropic", ProviderType.ANTHROPIC, "claude-haiku-4-5").orElseThrow().tiers())
                .as("Haiku has no long-context rates").isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "us.anthropic.claude-sonnet-4-20250514-v1:0, bedrock/anthropic.claude-sonnet-4-20250514-v1:0",
        "eu.anthropic.claude-sonnet-4-20250514-v1:0, bedrock/anthropic.claude-sonnet-4-20250514-v1:0",
        "apac.anthropic.claude-3-haiku-20240307-v1:0, bedrock/anthropic.claude-3-haiku-20240307-v1:0",
        "us-gov.anthropic.claude-3-haiku-20240307-v1:0, bedrock/anthropic.claude-3-haiku-20240307-v1:0",
        "global.anthropic.claude-sonnet-4-20250514-v1:0, bedrock/anthropic.claude-sonnet-4-20250514-v1:0",
        "global.anthropic.claude-sonnet-4-5-20250929-v1:0, bedrock/global.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "anthropic.claude-opus-4-20250514-v1:0, bedrock/anthropic.claude-opus-4-20250514-v1:0",
    })
    void shouldFindBedrockProfileIdsUnderTheirModel(String modelId, String key) {
        assertThat(BUNDLED.price("my-bedrock", ProviderType.BEDROCK, modelId).map(Price::model)).hasValue(key);
    }

    @Test
    void shouldStripProfilePrefixesOnlyForBedrockAndOnlyKnownOnes() {
        assertThat(BUNDLED.price("bedrock", ProviderType.BEDROCK, "us.amazon.titan-text-premier-v1:0")).isEmpty();
        assertThat(BUNDLED.price("bedrock", ProviderType.BEDROCK, "us.amazon.nova-pro-v1:0").map(Price::model))
                .hasValue("bedrock/amazon.nova-pro-v1:0");
        assertThat(BUNDLED.price("bedrock", ProviderType.BEDROCK, "xx.anthropic.claude-sonnet-4-20250514-v1:0"))
                .isEmpty();
        assertThat(BUNDLED.price("bedrock", ProviderType.BEDROCK, "us.")).isEmpty();
        assertThat(BUNDLED.price("proxy", ProviderType.OPENAI, "us.anthropic.claude-sonnet-4-20250514-v1:0"))
                .isEmpty();
        assertThat(BUNDLED.typesListing("us.anthropic.claude-sonnet-4-20250514-v1:0"))
                .containsExactly(ProviderType.BEDROCK);
    }

    @Test
    void shouldLetAnOverrideOfTheBareModelIdPriceItsProfiles() {
        PricingCatalog catalog = BUNDLED.withOverrides(Map.of("my-bedrock/anthropic.claude-sonnet-4-20250514-v1:0",
                ModelPrice.of(new BigDecimal("2.70"), new BigDecimal("13.50"))));
        Price price = catalog.price("my-bedrock", ProviderType.BEDROCK, "us.anthropic.claude-sonnet-4-20250514-v1:0")
                .orElseThrow();
        assertThat(price.model()).isEqualTo("my-bedrock/anthropic.claude-sonnet-4-20250514-v1:0");
        assertThat(price.cachedInput()).as("the catalog entry's cache read rate").isEqualTo(300_000_000L);
    }
}
