package io.tollgate.adapters.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.adapters.Json;
import io.tollgate.adapters.Usage;
import io.tollgate.config.ProviderType;
import org.junit.jupiter.api.Test;

/** Per-image prices: variants, defaults, and a cost of n images exact to the nano-dollar. */
class ImagePricesTest {

    private final ImagePrices bundled = ImagePrices.bundled();

    @Test
    void shouldCostExactlyNImagesAtTheVariantAsked() {
        Price hd = bundled.price(ProviderType.OPENAI, "dall-e-3", "hd", "1024x1792").orElseThrow();
        assertThat(hd.cost(Usage.of(0, 3)).nanos()).isEqualTo(360_000_000L);
        assertThat(hd.model()).isEqualTo("openai/dall-e-3@hd/1024x1792");
    }

    @Test
    void shouldUseTheModelsDefaultForWhatTheRequestLeavesOut() {
        assertThat(bundled.price(ProviderType.OPENAI, "dall-e-2", "", "").orElseThrow().cost(Usage.of(0, 1)).nanos())
                .isEqualTo(20_000_000L);
        assertThat(bundled.price(ProviderType.OPENAI, "dall-e-2", "", "256x256").orElseThrow()
                .cost(Usage.of(0, 1)).nanos()).isEqualTo(16_000_000L);
    }

    @Test
    void shouldHaveNoPriceForUnknownModelsOrVariants() {
        assertThat(bundled.price(ProviderType.OPENAI, "dall-e-3", "ultra", "1024x1024")).isEmpty();
        assertThat(bundled.price(ProviderType.ANTHROPIC, "dall-e-3", "", "")).isEmpty();
        assertThat(bundled.price(ProviderType.OPENAI, "gpt-4o", "", "")).isEmpty();
    }

    @Test
    void shouldRefuseAModelWithoutAUsableDefault() {
        assertThatThrownBy(() -> ImagePrices.parse(Json.MAPPER.readTree(
                "{\"openai/x\":{\"default\":\"hd/1x1\",\"standard/1x1\":\"0.01\"}}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'openai/x' needs a 'default'");
    }
}
