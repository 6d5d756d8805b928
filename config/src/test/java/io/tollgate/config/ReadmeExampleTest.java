package io.tollgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration example users copy from the root README must load as documented. */
class ReadmeExampleTest {

    @Test
    void shouldLoadTheReadmesYamlExample() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("```yaml\n");
        assertThat(start).as("README has a yaml block").isNotNegative();
        String yaml = readme.substring(start + 8, readme.indexOf("```", start + 8));
        TollgateConfig config = ConfigLoader.parse(yaml, "README.md", Map.of("OPENAI_API_KEY", "sk-a",
                "ANTHROPIC_API_KEY", "sk-b", "TOLLGATE_ADMIN_TOKEN", "admin-token"));
        assertThat(config.providers().keySet()).containsExactly("openai", "azure", "local-vllm", "anthropic", "mock");
        assertThat(config.provider("azure").orElseThrow().enabled()).isFalse();
        assertThat(config.provider("azure").orElseThrow().apiVersion()).contains("2024-10-21");
        assertThat(config.provider("openai").orElseThrow().enabled()).isTrue();
        assertThat(config.pricing().get("local-vllm/llama-3.1-8b").input()).isEqualByComparingTo("0.10");
        assertThat(config.warnings()).singleElement().asString().contains("AZURE_OPENAI_API_KEY");
    }
}
