package io.tollgate.adapters.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.adapters.Usage;
import io.tollgate.config.ProviderType;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BundledCatalogTest {

    private static final PricingCatalog BUNDLED = PricingCatalog.bundled();

    @Test
    void shouldLoadWithProvenance() {
        assertThat(BUNDLED.source()).contains("OpenAI").contains("Anthropic").contains("Gemini").contains("Bedrock")
                .contains("DeepSeek").contains("Pricing");
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
}
