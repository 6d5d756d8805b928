package io.tollgate.node.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.ModelRef;
import io.tollgate.adapters.pricing.PricingCatalog;
import io.tollgate.config.ConfigLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelResolverTest {

    private static final PricingCatalog CATALOG = PricingCatalog.bundled();

    private static ModelResolver resolver(String providers) {
        return new ModelResolver(ConfigLoader.parse("providers:\n" + providers, "test.yaml",
                Map.of("KEY", "sk-123")), CATALOG);
    }

    @Test
    void shouldTakeTheProviderPrefixAndKeepSlashesInTheModel() {
        ModelResolver resolver = resolver("""
                  local: { type: openai, base_url: "http://127.0.0.1:8000/v1", keys: [ { name: k, value: none } ] }
                """);
        assertThat(resolver.resolve("local/meta-llama/Llama-3.1-8B"))
                .isEqualTo(new ModelRef("local", "meta-llama/Llama-3.1-8B"));
    }

    @Test
    void shouldResolveAnUnprefixedCatalogModelToTheOneProviderOfItsType() {
        ModelResolver resolver = resolver("""
                  azure: { type: openai, base_url: "https://x.openai.azure.com/openai/deployments/{model}", api_version: "2024-10-21", keys: [ { name: k, value: "${KEY}" } ] }
                  mock: { type: mock }
                """);
        assertThat(resolver.resolve("gpt-4o-mini")).isEqualTo(new ModelRef("azure", "gpt-4o-mini"));
    }

    @Test
    void shouldPreferTheProviderNamedLikeItsTypeAndRejectAmbiguity() {
        ModelResolver preferred = resolver("""
                  openai: { type: openai, keys: [ { name: k, value: "${KEY}" } ] }
                  other: { type: openai, base_url: "http://127.0.0.1:1/v1", keys: [ { name: k, value: none } ] }
                """);
        assertThat(preferred.resolve("gpt-4o-mini")).isEqualTo(new ModelRef("openai", "gpt-4o-mini"));
        ModelResolver ambiguous = resolver("""
                  one: { type: openai, base_url: "http://127.0.0.1:1/v1", keys: [ { name: k, value: none } ] }
                  two: { type: openai, base_url: "http://127.0.0.1:2/v1", keys: [ { name: k, value: none } ] }
                """);
        assertThatThrownBy(() -> ambiguous.resolve("gpt-4o-mini")).isInstanceOf(GatewayException.class)
                .hasMessageContaining("several providers (one, two)")
                .extracting(e -> ((GatewayException) e).kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    }

    @Test
    void shouldSayHowToAddressAnUnknownModel() {
        ModelResolver resolver = resolver("""
                  mock: { type: mock }
                  anthropic: { type: anthropic, keys: [ { name: k, value: "${UNSET}" } ] }
                """);
        assertThatThrownBy(() -> resolver.resolve("claude-sonnet-4-5"))
                .hasMessageContaining("listed for anthropic, but no such provider is enabled")
                .hasMessageContaining("provider/model")
                .hasMessageContaining("anthropic (disabled)");
        assertThatThrownBy(() -> resolver.resolve("anthropic/claude-sonnet-4-5"))
                .hasMessageContaining("disabled").hasMessageContaining("UNSET")
                .extracting(e -> ((GatewayException) e).status()).isEqualTo(404);
    }
}
