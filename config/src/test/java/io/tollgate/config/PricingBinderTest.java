package io.tollgate.config;

import static io.tollgate.config.ConfigFixtures.failure;
import static io.tollgate.config.ConfigFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PricingBinderTest {

    private static final String PROVIDERS = "providers: { openai: { type: mock }, local: { type: mock } }\n";

    @Test
    void shouldReadDecimalsExactlyWithTheirScale() {
        TollgateConfig config = parse(PROVIDERS + """
                pricing:
                  local/a: { input: 0.10, output: 0.1 }
                  local/b: { input: "0.30", output: 1.000000001 }
                  local/c: { input: 0.000000001, output: 3 }
                """);

        ModelPrice a = config.pricing().get("local/a");
        assertThat(a.input()).isEqualTo(new BigDecimal("0.10"));
        assertThat(a.input().toPlainString()).isEqualTo("0.10");
        assertThat(a.output()).isEqualTo(new BigDecimal("0.1"));
        assertThat(a.input().toPlainString()).doesNotContain("0000000000000000055");
        assertThat(config.pricing().get("local/b").input()).isEqualTo(new BigDecimal("0.30"));
        assertThat(config.pricing().get("local/b").output()).isEqualTo(new BigDecimal("1.000000001"));
        assertThat(config.pricing().get("local/c").input()).isEqualTo(new BigDecimal("0.000000001"));
        assertThat(config.pricing().get("local/c").output()).isEqualTo(new BigDecimal("3"));
    }

    @Test
    void shouldReadOptionalRatesAndModelsWithSlashes() {
        TollgateConfig config = parse(PROVIDERS + """
                pricing:
                  local/meta-llama/Llama-3.1-8B: { input: 0.05, output: 0.08, cached_input: 0.01, reasoning: "0.09" }
                """);

        assertThat(config.pricing().get("local/meta-llama/Llama-3.1-8B")).isEqualTo(new ModelPrice(
                new BigDecimal("0.05"), new BigDecimal("0.08"), Optional.of(new BigDecimal("0.01")),
                Optional.empty(), Optional.empty(), Optional.of(new BigDecimal("0.09")), Optional.empty()));
    }

    @Test
    void shouldSubstituteInQuotedPrices() {
        TollgateConfig config = parse(PROVIDERS + "pricing: { local/a: { input: \"${IN}\", output: 2 } }",
                Map.of("IN", "0.25"));

        assertThat(config.pricing().get("local/a").input()).isEqualTo(new BigDecimal("0.25"));
    }

    @Test
    void shouldRejectAPricingKeyWithoutAProvider() {
        assertThat(failure(PROVIDERS + "pricing: { gpt-4o: { input: 1, output: 2 } }"))
                .isEqualTo("test.yaml: pricing.gpt-4o: a pricing key is provider/model, for example openai/gpt-4o");
        assertThat(failure(PROVIDERS + "pricing: { 'local/': { input: 1, output: 2 } }"))
                .isEqualTo("test.yaml: pricing.local/: a pricing key is provider/model, for example openai/gpt-4o");
    }

    @Test
    void shouldRejectAPricingKeyNamingAnUnknownProvider() {
        assertThat(failure(PROVIDERS + "pricing: { opanai/gpt-4o: { input: 1, output: 2 } }"))
                .isEqualTo("test.yaml: pricing.opanai/gpt-4o: unknown provider 'opanai', did you mean 'openai'?");
        assertThat(failure(PROVIDERS + "pricing: { anthropic/claude: { input: 1, output: 2 } }"))
                .isEqualTo("test.yaml: pricing.anthropic/claude: unknown provider 'anthropic' "
                        + "(configured: openai, local)");
        assertThat(failure("pricing: { anthropic/claude: { input: 1, output: 2 } }"))
                .isEqualTo("test.yaml: pricing.anthropic/claude: unknown provider 'anthropic' "
                        + "(no providers are configured)");
    }

    @Test
    void shouldPriceADisabledProvider() {
        TollgateConfig config = parse("""
                providers: { o: { type: openai, keys: [ { name: a, value: "${UNSET}" } ] } }
                pricing: { o/gpt-4o: { input: 2.5, output: 10 } }
                """);

        assertThat(config.pricing()).containsOnlyKeys("o/gpt-4o");
    }

    @Test
    void shouldRejectBadPrices() {
        assertThat(failure(PROVIDERS + "pricing: { local/a: { input: 1 } }"))
                .isEqualTo("test.yaml: pricing.local/a.output: is required");
        assertThat(failure(PROVIDERS + "pricing: { local/a: { input: 1, output: cheap } }"))
                .isEqualTo("test.yaml: pricing.local/a.output: must be a decimal number, was \"cheap\"");
        assertThat(failure(PROVIDERS + "pricing: { local/a: { input: -1, output: 1 } }"))
                .isEqualTo("test.yaml: pricing.local/a.input: must not be negative, was -1");
        assertThat(failure(PROVIDERS + "pricing: { local/a: { input: 1, output: 1, cache_write_1h: 0.0000000001 } }"))
                .isEqualTo("test.yaml: pricing.local/a.cache_write_1h: has more than 9 decimal places "
                        + "(USD per 1M tokens), was 0.0000000001");
        assertThat(failure(PROVIDERS + "pricing: { local/a: { input: 1, output: 1, cached_inptu: 0.5 } }"))
                .isEqualTo("test.yaml: pricing.local/a: unknown key 'cached_inptu', did you mean 'cached_input'?");
        assertThat(failure(PROVIDERS + "pricing: { local/a: { input: 1, output: 1, cached: 0.5 } }"))
                .isEqualTo("test.yaml: pricing.local/a: unknown key 'cached', expected one of: "
                        + "cache_write, cache_write_1h, cached_input, input, output, reasoning, tiers");
        assertThat(failure(PROVIDERS + "pricing: { local/a: 0.5 }"))
                .isEqualTo("test.yaml: pricing.local/a: must be a map, was 0.5");
    }

    @Test
    void shouldReadTiersInOrderWithOptionalRates() {
        TollgateConfig config = parse(PROVIDERS + """
                pricing:
                  local/long:
                    input: 1.25
                    output: 10
                    tiers:
                      - { above_prompt_tokens: 200000, input: 2.50, output: 15, cached_input: 0.25 }
                      - { above_prompt_tokens: "500000", input: 5, output: 20 }
                  local/flat: { input: 1, output: 2, tiers: [] }
                """);

        ModelPrice tiered = config.pricing().get("local/long");
        assertThat(tiered.tiers()).hasValue(List.of(
                new ModelPrice.Tier(200_000, new BigDecimal("2.50"), new BigDecimal("15"),
                        Optional.of(new BigDecimal("0.25")), Optional.empty(), Optional.empty(), Optional.empty()),
                new ModelPrice.Tier(500_000, new BigDecimal("5"), new BigDecimal("20"), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty())));
        assertThat(config.pricing().get("local/flat").tiers()).as("stated as none").hasValue(List.of());
        assertThat(config.pricing().get("local/flat").tiers()).isNotEqualTo(ModelPrice.of(BigDecimal.ONE,
                BigDecimal.TWO).tiers());
    }

    @Test
    void shouldRejectBadTiersNamingTheirPath() {
        String head = PROVIDERS + "pricing: { local/a: { input: 1, output: 2, tiers: ";
        assertThat(failure(head + "[ { above_prompt_tokens: 200000, input: 2, output: 4 },"
                + " { above_prompt_tokens: 128000, input: 3, output: 5 } ] } }"))
                .isEqualTo("test.yaml: pricing.local/a: tiers[1].above_prompt_tokens must be greater than "
                        + "tiers[0]'s 200000, was 128000");
        assertThat(failure(head + "[ { above_prompt_tokens: 200000, input: 2, output: 4 },"
                + " { above_prompt_tokens: 200000, input: 3, output: 5 } ] } }"))
                .isEqualTo("test.yaml: pricing.local/a: tiers[1].above_prompt_tokens must be greater than "
                        + "tiers[0]'s 200000, was 200000");
        assertThat(failure(head + "[ { above_prompt_tokens: 0, input: 2, output: 4 } ] } }"))
                .isEqualTo("test.yaml: pricing.local/a.tiers[0].above_prompt_tokens: must be at least 1, was 0");
        assertThat(failure(head + "[ { above_prompt_tokens: 1.5, input: 2, output: 4 } ] } }"))
                .isEqualTo("test.yaml: pricing.local/a.tiers[0].above_prompt_tokens: must be an integer, was 1.5");
        assertThat(failure(head + "[ { input: 2, output: 4 } ] } }"))
                .isEqualTo("test.yaml: pricing.local/a.tiers[0].above_prompt_tokens: is required");
        assertThat(failure(head + "[ { above_prompt_tokens: 200000, input: 2, output: -4 } ] } }"))
                .isEqualTo("test.yaml: pricing.local/a.tiers[0].output: must not be negative, was -4");
        assertThat(failure(head + "[ { above_prompt_tokens: 200000, input: 2, output: 4, cached_input: -1 } ] } }"))
                .isEqualTo("test.yaml: pricing.local/a.tiers[0].cached_input: must not be negative, was -1");
        assertThat(failure(head + "[ { above_prompt_tokens: 200000, output: 4 } ] } }"))
                .isEqualTo("test.yaml: pricing.local/a.tiers[0].input: is required");
        assertThat(failure(head + "[ { above_prompt_tokens: 200000, input: 2, output: 4, tiers: [] } ] } }"))
                .startsWith("test.yaml: pricing.local/a.tiers[0]: unknown key 'tiers'");
        assertThat(failure(head + "{ above_prompt_tokens: 200000, input: 2, output: 4 } } }"))
                .startsWith("test.yaml: pricing.local/a.tiers: must be a list");
    }
}
