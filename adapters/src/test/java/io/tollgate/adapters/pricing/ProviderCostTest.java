package io.tollgate.adapters.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.adapters.Usage;
import io.tollgate.config.ModelPrice;
import io.tollgate.config.ProviderType;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bundled prices of the issue 11 providers against figures worked out by hand from the published rates (USD per
 * 1M tokens, so tokens x rate is micro-dollars), to the nano-dollar. The rates and their sources are listed in
 * adapters/README.md, "Pricing and cost".
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

    /**
     * One request per row against the bundled catalog: the key that must price it ({@code type/model}), the Bedrock
     * inference-profile prefix the model id is sent with (if any), the six usage buckets (plain input, cache reads,
     * 5-minute and 1-hour cache writes, output, reasoning) and the cost in nano-dollars worked out by hand above the
     * row (tokens x USD per 1M = micro-dollars).
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
        # catalog key                                               | via | in cached w5m w1h out reasoning | nanos
        # 12,345 x 0.59 + 6,789 x 0.79 = 7,283.55 + 5,363.31 = 12,646.86 micro-dollars
        groq/llama-3.3-70b-versatile                                |     | 12345 0 0 0 6789 0            | 12646860
        # 0.05 + 0.08 = 0.13 micro-dollars: one token each way
        groq/llama-3.1-8b-instant                                   |     | 1 0 0 0 1 0                   | 130
        # 450 x 0.15 + 2,561 x 0.075 + (265 + 215) x 0.60 = 67.5 + 192.075 + 288 = 547.575
        groq/openai/gpt-oss-120b                                    |     | 450 2561 0 0 265 215          | 547575
        # 1,000 x 0.075 + 1 x 0.0375 = 75.0375 micro-dollars: 75,037.5 nano-dollars, rounded half up
        groq/openai/gpt-oss-20b                                     |     | 1000 1 0 0 0 0                | 75038
        # 200,000 x 0.50 + 50,000 x 1.50 = 100,000 + 75,000
        mistral/mistral-large-2512                                  |     | 200000 0 0 0 50000 0          | 175000000
        # 10,000 x 0.30 + 40,000 x 0.03 + 2,000 x 0.90 = 3,000 + 1,200 + 1,800
        mistral/codestral-2508                                      |     | 10000 40000 0 0 2000 0        | 6000000
        # 5,000 x 2 + (1,000 + 4,000 reasoning) x 5 = 10,000 + 25,000
        mistral/magistral-medium-2509                               |     | 5000 0 0 0 1000 4000          | 35000000
        # (7 + 3) x 0.88 = 8.8 micro-dollars
        together/meta-llama/Llama-3.3-70B-Instruct-Turbo            |     | 7 0 0 0 3 0                   | 8800
        # 1,000,000 x 0.18 + 1,000,000 x 0.18 = $0.36
        together/meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo        |     | 1000000 0 0 0 1000000 0       | 360000000
        # (123,456 + 654) x 0.90 = 124,110 x 0.90 = 111,699
        fireworks/accounts/fireworks/models/llama-v3p3-70b-instruct |     | 123456 0 0 0 654 0            | 111699000
        # prompt 180,000: 100,000 x 3 + 50,000 x 0.30 + 30,000 x 3.75 + (1,000 + 500) x 15
        # = 300,000 + 15,000 + 112,500 + 22,500
        openrouter/anthropic/claude-sonnet-4                        |     | 100000 50000 30000 0 1000 500 | 450000000
        # prompt 200,001 is above 200k: 150,000 x 6 + 50,000 x 0.60 + 1 x 7.50 + 1,000 x 22.50
        # = 900,000 + 30,000 + 7.5 + 22,500 = 952,507.5
        openrouter/anthropic/claude-sonnet-4.5                      |     | 150000 50000 1 0 1000 0       | 952507500
        # 2,000 x 1 + 8,000 x 0.10 + 4,000 x 1.25 + 500 x 5 = 2,000 + 800 + 5,000 + 2,500
        openrouter/anthropic/claude-haiku-4.5                       |     | 2000 8000 4000 0 500 0        | 10300000
        # (10,000 + 10,000) x 0.72 = 14,400, through the us. profile
        bedrock/meta.llama3-3-70b-instruct-v1:0                     | us. | 10000 0 0 0 10000 0           | 14400000
        # 1,000,000 x 0.24 + 100,000 x 0.97 = 240,000 + 97,000
        bedrock/meta.llama4-maverick-17b-instruct-v1:0              | us. | 1000000 0 0 0 100000 0        | 337000000
        # 4,000 x 0.50 + 2,000 x 1.50 = 2,000 + 3,000
        bedrock/mistral.mistral-large-3-675b-instruct               |     | 4000 0 0 0 2000 0             | 5000000
        # 1,500 x 2 + 250 x 6 = 3,000 + 1,500, through the us. profile
        bedrock/mistral.pixtral-large-2502-v1:0                     | us. | 1500 0 0 0 250 0              | 4500000
        # 100,000 x 0.30 + 900,000 x 0.03 + (10,000 + 30,000 thinking) x 2.50 = 30,000 + 27,000 + 100,000
        gemini/gemini-2.5-flash                                     |     | 100000 900000 0 0 10000 30000 | 157000000
        # 1,000,000 x 0.01 = 10,000
        gemini/gemini-2.5-flash-lite                                |     | 0 1000000 0 0 0 0             | 10000000
        # 1 x 0.10 + 3 x 0.025 = 0.175 micro-dollars
        gemini/gemini-2.0-flash                                     |     | 1 3 0 0 0 0                   | 175
        # prompt 200,001 is above 200k: 100,000 x 4 + 100,001 x 0.40 + 1,000 x 18 = 400,000 + 40,000.4 + 18,000
        gemini/gemini-3.1-pro-preview                               |     | 100000 100001 0 0 1000 0      | 458000400
        # prompt 150,000: 100,000 x 1.25 + 50,000 x 0.125 + (5,000 + 5,000 thinking) x 10 = 125,000 + 6,250 + 100,000
        vertex/gemini-2.5-pro                                       |     | 100000 50000 0 0 5000 5000    | 231250000
        """)
    void shouldCostTheNewEntriesToTheNano(String key, String via, String buckets, long nanos) {
        int slash = key.indexOf('/');
        ProviderType type = ProviderType.valueOf(key.substring(0, slash).toUpperCase(Locale.ROOT));
        String model = (via == null ? "" : via) + key.substring(slash + 1);
        long[] t = Arrays.stream(buckets.split(" +")).mapToLong(Long::parseLong).toArray();
        Price price = BUNDLED.price("p", type, model).orElseThrow();
        assertThat(price.model()).isEqualTo(key);
        assertThat(price.cost(new Usage(t[0], t[1], t[2], t[3], t[4], t[5])).nanos()).as("%s: %s", key, price)
                .isEqualTo(nanos);
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
