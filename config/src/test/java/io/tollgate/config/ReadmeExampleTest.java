package io.tollgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration examples users copy from the root README and from this module's README load as documented. */
class ReadmeExampleTest {

    @Test
    void shouldLoadTheReadmesYamlExample() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("```yaml\n");
        assertThat(start).as("README has a yaml block").isNotNegative();
        String yaml = readme.substring(start + 8, readme.indexOf("```", start + 8));
        TollgateConfig config = ConfigLoader.parse(yaml, "README.md", Map.of("OPENAI_API_KEY", "sk-a",
                "OPENAI_BATCH_KEY", "sk-c", "ANTHROPIC_API_KEY", "sk-b", "TOLLGATE_ADMIN_TOKEN", "admin-token",
                "MY_APP_KEY", "tg-my-app-0123456789", "GEMINI_API_KEY", "AIza-gemini"));
        assertThat(config.providers().keySet()).containsExactly("openai", "azure", "local-vllm", "anthropic", "gemini",
                "bedrock", "mock");
        assertThat(config.provider("local-vllm").orElseThrow().type()).isEqualTo(ProviderType.VLLM);
        assertThat(config.provider("gemini").orElseThrow().enabled()).isTrue();
        assertThat(config.provider("bedrock").orElseThrow().enabled()).as("its AWS variables are unset").isFalse();
        assertThat(config.provider("azure").orElseThrow().enabled()).isFalse();
        assertThat(config.provider("azure").orElseThrow().apiVersion()).contains("2024-10-21");
        assertThat(config.provider("openai").orElseThrow().enabled()).isTrue();
        assertThat(config.pricing().get("local-vllm/llama-3.1-8b").input()).isEqualByComparingTo("0.10");
        assertThat(config.warnings()).hasSize(2).anySatisfy(w -> assertThat(w).contains("AZURE_OPENAI_API_KEY"))
                .anySatisfy(w -> assertThat(w).contains("provider 'bedrock' disabled", "AWS_"));
        assertThat(config.governance().virtualKeys()).singleElement()
                .satisfies(key -> assertThat(key.budgets()).hasSize(1))
                .satisfies(key -> assertThat(key.fallbacks()).containsExactly("anthropic/claude-3-5-haiku-latest"));
        ProviderConfig openai = config.provider("openai").orElseThrow();
        assertThat(openai.balancing()).isEqualTo(BalancingStrategy.ADAPTIVE);
        assertThat(openai.retries()).isEqualTo(new RetryPolicy(2, 100, 2000));
        assertThat(openai.keys().get(1).models()).containsExactly("gpt-4o-mini");
        assertThat(openai.keys().get(0).rpm()).hasValue(10_000);
    }

    @Test
    void shouldLoadTheFullExampleOfTheConfigReadme() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("```yaml\n", readme.indexOf("### A full example"));
        String yaml = readme.substring(start + 8, readme.indexOf("```", start + 8));
        TollgateConfig config = ConfigLoader.parse(yaml, "config/README.md", Map.of("OPENAI_API_KEY", "sk-a",
                "AZURE_OPENAI_API_KEY", "az", "ANTHROPIC_API_KEY", "sk-b", "TOLLGATE_ADMIN_TOKEN", "admin-token",
                "TOLLGATE_DB_PASSWORD", "db-secret"));

        assertThat(config.warnings()).isEmpty();
        assertThat(config.governance().customers()).extracting(CustomerSeed::name).containsExactly("acme");
        assertThat(config.governance().teams()).extracting(TeamSeed::name).containsExactly("search");
        assertThat(config.governance().virtualKeys()).singleElement().satisfies(demo -> {
            assertThat(demo.value().reveal()).isEqualTo("tg-demo-0000000000000000");
            assertThat(demo.providerConfigs()).extracting(KeyProviderSpec::provider).containsExactly("mock", "openai");
            assertThat(demo.providerConfigs().get(1).allowedModels()).containsExactly("gpt-4o-mini", "regex:gpt-4\\.1.*");
            assertThat(demo.fallbacks()).containsExactly("openai/gpt-4o-mini", "mock/echo");
        });
        ProviderConfig openai = config.provider("openai").orElseThrow();
        assertThat(openai.keys().getFirst().models()).containsExactly("gpt-4o", "gpt-4o-mini");
        assertThat(openai.keys().getFirst().tpm()).hasValue(2_000_000);
        assertThat(openai.balancing()).isEqualTo(BalancingStrategy.ADAPTIVE);
        assertThat(openai.retries()).isEqualTo(RetryPolicy.DEFAULT);
        assertThat(openai.circuitBreaker()).isEqualTo(CircuitBreakerConfig.DEFAULT);
        assertThat(config.store().url()).contains("jdbc:postgresql://127.0.0.1:5432/tollgate");
        assertThat(config.store().password().map(Secret::reveal)).contains("db-secret");
    }
}
