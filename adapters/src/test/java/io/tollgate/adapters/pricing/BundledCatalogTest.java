package io.tollgate.adapters.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.adapters.Usage;
import io.tollgate.config.ModelPrice;
import io.tollgate.config.ProviderType;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class BundledCatalogTest {

    private static final PricingCatalog BUNDLED = PricingCatalog.bundled();

    /**
     * The provider types the catalog deliberately lists nothing for, and why (adapters/README.md says the same):
     * every other type bills per token and must have entries.
     */
    private static final Map<ProviderType, String> UNLISTED = Map.of(
            ProviderType.OLLAMA, "self-hosted: no upstream bill; unpriced unless the configuration prices a model",
            ProviderType.VLLM, "self-hosted: no upstream bill; unpriced unless the configuration prices a model",
            ProviderType.MOCK, "built in and offline: nothing is billed");

    @Test
    void shouldLoadWithProvenance() {
        assertThat(BUNDLED.source()).contains("OpenAI").contains("Anthropic").contains("Gemini").contains("Bedrock")
                .contains("DeepSeek").contains("Pricing").contains("Groq").contains("Mistral").contains("Together")
                .contains("Fireworks").contains("OpenRouter").contains("Vertex");
        assertThat(LocalDate.parse(BUNDLED.asOf())).isAfterOrEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(BUNDLED.models(ProviderType.OPENAI)).contains("gpt-4o-mini", "gpt-5", "text-embedding-3-small");
        assertThat(BUNDLED.models(ProviderType.ANTHROPIC)).contains("claude-sonnet-4-5", "claude-3-haiku");
        assertThat(BUNDLED.models(ProviderType.GEMINI))
                .contains("gemini-2.5-pro", "gemini-2.5-flash", "gemini-2.5-flash-lite", "gemini-2.0-flash");
        assertThat(BUNDLED.models(ProviderType.BEDROCK)).contains("anthropic.claude-sonnet-4-20250514-v1:0");
        assertThat(BUNDLED.models(ProviderType.DEEPSEEK)).containsExactly("deepseek-chat", "deepseek-reasoner");
    }

    @Test
    void shouldGiveEveryEntryAnInputAndOutputRateAsDecimalStrings() throws IOException {
        JsonNode models;
        try (InputStream in = PricingCatalog.class.getResourceAsStream("catalog.json")) {
            models = new ObjectMapper().readTree(in).get("models");
        }
        assertThat(models.size()).isGreaterThan(20);
        for (Map.Entry<String, JsonNode> entry : models.properties()) {
            assertThat(entry.getValue().get("input")).as(entry.getKey() + " input").isNotNull();
            assertThat(entry.getValue().get("output")).as(entry.getKey() + " output").isNotNull();
            entry.getValue().properties().forEach(rate -> {
                if (rate.getKey().equals("tiers")) {
                    rate.getValue().forEach(tier -> tier.properties().forEach(tierRate ->
                            assertThat(tierRate.getKey().equals("above_prompt_tokens")
                                    ? tierRate.getValue().isIntegralNumber() : tierRate.getValue().isTextual())
                                    .as(entry.getKey() + " tier " + tierRate.getKey()).isTrue()));
                } else {
                    assertThat(rate.getValue().isTextual()).as(entry.getKey() + " " + rate.getKey()).isTrue();
                }
            });
        }
        int listed = 0;
        for (ProviderType type : ProviderType.values()) {
            listed += BUNDLED.models(type).size();
        }
        assertThat(listed).isEqualTo(models.size());
    }

    @Test
    void shouldPriceGpt4oMiniAsPublished() {
        Price mini = BUNDLED.price("openai", ProviderType.OPENAI, "gpt-4o-mini-2024-07-18").orElseThrow();
        assertThat(mini.cost(Usage.of(1_000_000, 0)).toUsdString()).isEqualTo("0.15");
        assertThat(mini.cost(Usage.of(1, 0)).nanos()).isEqualTo(150L);
        assertThat(mini.cost(new Usage(0, 1_000_000, 0, 0, 0, 0)).toUsdString()).isEqualTo("0.075");
    }

    @Test
    void shouldPriceAnthropicCacheBucketsAtTheirMultiples() {
        Price sonnet = BUNDLED.price("anthropic", ProviderType.ANTHROPIC, "claude-sonnet-4-5-20250929").orElseThrow();
        assertThat(sonnet.cacheWrite()).isEqualTo(sonnet.input() * 5 / 4);
        assertThat(sonnet.cacheWrite1h()).isEqualTo(sonnet.input() * 2);
        assertThat(sonnet.cachedInput()).isEqualTo(sonnet.input() / 10);
        // 50,000 tokens in each bucket: a prompt of 200,000, not above the long-context threshold
        assertThat(sonnet.cost(new Usage(50_000, 50_000, 50_000, 50_000, 50_000, 50_000))
                .toUsdString()).isEqualTo("2.1525");
    }

    @Test
    void shouldResolveUnprefixedModelsToTheirProviderType() {
        assertThat(BUNDLED.typesListing("gpt-4o-mini")).containsExactly(ProviderType.OPENAI);
        assertThat(BUNDLED.typesListing("claude-haiku-4-5-20251001")).containsExactly(ProviderType.ANTHROPIC);
    }

    @Test
    void shouldListEveryProviderTypeThatBillsPerTokenAndOnlyTheSelfHostedOnesNot() {
        for (ProviderType type : ProviderType.values()) {
            if (UNLISTED.containsKey(type)) {
                assertThat(BUNDLED.models(type)).as("%s: %s", type, UNLISTED.get(type)).isEmpty();
            } else {
                assertThat(BUNDLED.models(type)).as("%s bills per token", type).isNotEmpty();
            }
        }
        // the unlisted types are exactly those that run without keys: a server that takes no key sends no bill
        assertThat(UNLISTED.keySet()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ProviderType.values()).filter(type -> !type.keyRequired()).toList());
    }

    @Test
    void shouldParseEveryEntryToNonNegativeRatesFoundUnderItsOwnKey() throws IOException {
        JsonNode models;
        try (InputStream in = PricingCatalog.class.getResourceAsStream("catalog.json")) {
            models = new ObjectMapper().readTree(in).get("models");
        }
        for (Map.Entry<String, JsonNode> entry : models.properties()) {
            String key = entry.getKey();
            List<JsonNode> levels = new ArrayList<>(List.of(entry.getValue()));
            entry.getValue().path("tiers").forEach(levels::add);
            for (JsonNode level : levels) {
                level.properties().forEach(rate -> {
                    if (rate.getValue().isTextual()) {
                        assertThat(new BigDecimal(rate.getValue().textValue()).signum())
                                .as("%s %s", key, rate.getKey()).isNotNegative();
                    }
                });
            }
            int slash = key.indexOf('/');
            ProviderType type = ProviderType.valueOf(key.substring(0, slash).toUpperCase(Locale.ROOT));
            Price price = BUNDLED.price("any", type, key.substring(slash + 1)).orElseThrow();
            assertThat(price.model()).isEqualTo(key);
            assertThat(rates(price)).as(key).allMatch(rate -> rate >= 0);
            price.tiers().forEach(tier -> assertThat(rates(tier)).as(key + " tier").allMatch(rate -> rate >= 0));
            assertThat(price.tiers()).as(key + " tiers above the base rates")
                    .allMatch(tier -> tier.input() >= price.input() && tier.output() >= price.output());
        }
    }

    @Test
    void shouldLeaveSelfHostedModelsUnpricedUntilTheConfigurationPricesThem() {
        assertThat(BUNDLED.price("local-vllm", ProviderType.VLLM, "meta-llama/Llama-3.1-8B-Instruct")).isEmpty();
        assertThat(BUNDLED.price("ollama", ProviderType.OLLAMA, "llama3.2")).isEmpty();
        // a hosted provider's list price is not a self-hosted server's cost, even for the same open model
        assertThat(BUNDLED.price("local", ProviderType.VLLM, "meta-llama/Llama-3.3-70B-Instruct-Turbo")).isEmpty();
        PricingCatalog free = BUNDLED.withOverrides(
                Map.of("ollama/llama3.2", ModelPrice.of(BigDecimal.ZERO, BigDecimal.ZERO)));
        assertThat(free.price("ollama", ProviderType.OLLAMA, "llama3.2").orElseThrow()
                .cost(new Usage(1_000, 0, 0, 0, 1_000, 0)).nanos()).isZero();
    }

    @Test
    void shouldPriceOpenRouterByTheUpstreamModelIdItForwards() {
        assertThat(BUNDLED.typesListing("anthropic/claude-sonnet-4")).containsExactly(ProviderType.OPENROUTER);
        assertThat(BUNDLED.price("openrouter", ProviderType.OPENROUTER, "anthropic/claude-sonnet-4").map(Price::model))
                .hasValue("openrouter/anthropic/claude-sonnet-4");
        assertThat(BUNDLED.price("openrouter", ProviderType.OPENROUTER, "claude-sonnet-4"))
                .as("OpenRouter ids name the author").isEmpty();
        assertThat(BUNDLED.price("openrouter", ProviderType.OPENROUTER, "meta-llama/llama-3.3-70b-instruct"))
                .as("open models are served at each host's own price, so none is listed").isEmpty();
    }

    private static LongStream rates(Price price) {
        return LongStream.of(price.input(), price.cachedInput(), price.cacheWrite(), price.cacheWrite1h(),
                price.output(), price.reasoning());
    }

    private static LongStream rates(Price.Tier tier) {
        return LongStream.of(tier.input(), tier.cachedInput(), tier.cacheWrite(), tier.cacheWrite1h(), tier.output(),
                tier.reasoning());
    }
}
