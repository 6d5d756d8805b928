package io.tollgate.adapters.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.adapters.Usage;
import io.tollgate.config.ProviderType;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchPricesTest {

    private final BatchPrices prices = BatchPrices.bundled();
    private final PricingCatalog catalog = PricingCatalog.bundled();

    @Test
    void shouldPriceOpenAiAndAnthropicBatchesAtHalfOfEveryRate() {
        Price standard = catalog.price("openai", ProviderType.OPENAI, "gpt-4o-mini").orElseThrow();
        Price batch = prices.price(ProviderType.OPENAI, standard).orElseThrow();

        // $0.15 / $0.075 cached / $0.60 per million tokens, halved
        assertThat(batch.input()).isEqualTo(75_000_000L);
        assertThat(batch.cachedInput()).isEqualTo(37_500_000L);
        assertThat(batch.output()).isEqualTo(300_000_000L);
        assertThat(batch.cost(new Usage(800, 200, 0, 0, 500, 0)).nanos()).isEqualTo(217_500L);

        Price haiku = prices.price(ProviderType.ANTHROPIC, catalog.price("anthropic", ProviderType.ANTHROPIC,
                "claude-haiku-4-5").orElseThrow()).orElseThrow();
        assertThat(haiku.cost(new Usage(100, 1000, 200, 0, 50, 0)).nanos()).isEqualTo(350_000L);
    }

    @Test
    void shouldScaleTiersAndRoundAFractionalRateUp() {
        Price tiered = new Price("x/y", 3, 1, 0, 0, 15, 0, List.of(new Price.Tier(200_000, 7, 1, 0, 0, 21, 0)));
        Price half = BatchPrices.scaled(tiered, 50);

        assertThat(half.input()).isEqualTo(2);   // 1.5 rounded up: never under-reserve or under-bill
        assertThat(half.output()).isEqualTo(8);
        assertThat(half.tiers().get(0).input()).isEqualTo(4);
        assertThat(half.tiers().get(0).output()).isEqualTo(11);
        assertThat(half.tiers().get(0).abovePromptTokens()).isEqualTo(200_000);
    }

    @Test
    void shouldHaveNoBatchRateForProvidersWithoutABatchApi() {
        Price standard = new Price("groq/x", 1, 0, 0, 0, 1, 0);
        assertThat(prices.price(ProviderType.GROQ, standard)).isEmpty();
        assertThat(prices.percent(ProviderType.OPENAI)).contains(50);
        assertThat(prices.percent(ProviderType.ANTHROPIC)).contains(50);
    }
}
