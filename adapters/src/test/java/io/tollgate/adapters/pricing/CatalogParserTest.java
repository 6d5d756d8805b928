package io.tollgate.adapters.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.config.ProviderType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogParserTest {

    private static final String HEAD = """
            { "format": "tollgate-pricing-v1", "currency": "USD", "unit": "per 1M tokens",
              "source": "test pages", "as_of": "2026-11-29", "models": {""";

    private static String catalog(String models) {
        return HEAD + models + "} }";
    }

    @Test
    void shouldParseRatesToNanosPerMillionWithDefaults() {
        PricingCatalog parsed = PricingCatalog.parse(catalog("""
                "openai/m": { "input": "0.15", "output": "0.60" },
                "anthropic/c": { "input": "3", "output": "15", "cached_input": "0.30", "cache_write": "3.75",
                                 "cache_write_1h": "6", "reasoning": "20" }"""), "test");
        assertThat(parsed.source()).isEqualTo("test pages");
        assertThat(parsed.asOf()).isEqualTo("2026-11-29");
        assertThat(parsed.price("openai", ProviderType.OPENAI, "m")).hasValue(
                new Price("openai/m", 150_000_000L, 150_000_000L, 150_000_000L, 150_000_000L, 600_000_000L,
                        600_000_000L));
        assertThat(parsed.price("anthropic", ProviderType.ANTHROPIC, "c")).hasValue(
                new Price("anthropic/c", 3_000_000_000L, 300_000_000L, 3_750_000_000L, 6_000_000_000L,
                        15_000_000_000L, 20_000_000_000L));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "rate as JSON number | \"openai/gpt-x\": { \"input\": \"1\", \"output\": \"2\", \"cached_input\": 0.075 }"
                + " | model 'openai/gpt-x' field 'cached_input' must be a decimal string",
        "ten decimal places | \"openai/gpt-x\": { \"input\": \"0.0000000001\", \"output\": \"2\" }"
                + " | model 'openai/gpt-x' field 'input' has more than 9 decimal places",
        "negative rate | \"anthropic/claude-x\": { \"input\": \"1\", \"output\": \"-2\" }"
                + " | model 'anthropic/claude-x' field 'output' must be a non-negative plain decimal",
        "exponent | \"openai/gpt-x\": { \"input\": \"1e-3\", \"output\": \"2\" }"
                + " | model 'openai/gpt-x' field 'input' must be a non-negative plain decimal",
        "trailing dot | \"openai/gpt-x\": { \"input\": \"1.\", \"output\": \"2\" }"
                + " | model 'openai/gpt-x' field 'input' must be a non-negative plain decimal",
        "missing output | \"openai/gpt-x\": { \"input\": \"1\" }"
                + " | model 'openai/gpt-x' is missing field 'output'",
        "unknown field | \"openai/gpt-x\": { \"input\": \"1\", \"output\": \"2\", \"cached\": \"1\" }"
                + " | model 'openai/gpt-x' has unknown field 'cached'",
        "too large | \"openai/gpt-x\": { \"input\": \"10000000000\", \"output\": \"2\" }"
                + " | model 'openai/gpt-x' field 'input' is too large",
        "unknown type | \"azure/gpt-x\": { \"input\": \"1\", \"output\": \"2\" }"
                + " | model key 'azure/gpt-x' names unknown provider type 'azure'",
        "no slash | \"gpt-x\": { \"input\": \"1\", \"output\": \"2\" }"
                + " | model key 'gpt-x' must be 'type/model'",
        "entry not an object | \"openai/gpt-x\": \"1\" | model 'openai/gpt-x' must be an object of rates",
        "tiers not a list | \"gemini/g\": { \"input\": \"1\", \"output\": \"2\", \"tiers\": {} }"
                + " | model 'gemini/g' field 'tiers' must be a list of objects",
        "tier not an object | \"gemini/g\": { \"input\": \"1\", \"output\": \"2\", \"tiers\": [ 1 ] }"
                + " | model 'gemini/g' tiers[0] must be an object of rates",
        "tier without threshold | \"gemini/g\": { \"input\": \"1\", \"output\": \"2\","
                + " \"tiers\": [ { \"input\": \"2\", \"output\": \"3\" } ] }"
                + " | model 'gemini/g' tiers[0] is missing field 'above_prompt_tokens'",
        "threshold as string | \"gemini/g\": { \"input\": \"1\", \"output\": \"2\","
                + " \"tiers\": [ { \"above_prompt_tokens\": \"200000\", \"input\": \"2\", \"output\": \"3\" } ] }"
                + " | model 'gemini/g' tiers[0] field 'above_prompt_tokens' must be a whole number of at least 1,"
                + " was \"200000\"",
        "threshold zero | \"gemini/g\": { \"input\": \"1\", \"output\": \"2\","
                + " \"tiers\": [ { \"above_prompt_tokens\": 0, \"input\": \"2\", \"output\": \"3\" } ] }"
                + " | model 'gemini/g' tiers[0] field 'above_prompt_tokens' must be a whole number of at least 1, was 0",
        "threshold fraction | \"gemini/g\": { \"input\": \"1\", \"output\": \"2\","
                + " \"tiers\": [ { \"above_prompt_tokens\": 1.5, \"input\": \"2\", \"output\": \"3\" } ] }"
                + " | model 'gemini/g' tiers[0] field 'above_prompt_tokens' must be a whole number of at least 1",
        "thresholds descending | \"gemini/g\": { \"input\": \"1\", \"output\": \"2\", \"tiers\": ["
                + " { \"above_prompt_tokens\": 200000, \"input\": \"2\", \"output\": \"3\" },"
                + " { \"above_prompt_tokens\": 128000, \"input\": \"4\", \"output\": \"5\" } ] }"
                + " | model 'gemini/g' tiers[1] field 'above_prompt_tokens' must be greater than tiers[0]'s 200000,"
                + " was 128000",
        "tier missing output | \"gemini/g\": { \"input\": \"1\", \"output\": \"2\","
                + " \"tiers\": [ { \"above_prompt_tokens\": 200000, \"input\": \"2\" } ] }"
                + " | model 'gemini/g' tiers[0] is missing field 'output'",
        "tier negative rate | \"gemini/g\": { \"input\": \"1\", \"output\": \"2\", \"tiers\": ["
                + " { \"above_prompt_tokens\": 200000, \"input\": \"2\", \"output\": \"3\", \"cached_input\": \"-1\" } ] }"
                + " | model 'gemini/g' tiers[0] field 'cached_input' must be a non-negative plain decimal",
        "nested tiers | \"gemini/g\": { \"input\": \"1\", \"output\": \"2\", \"tiers\": ["
                + " { \"above_prompt_tokens\": 200000, \"input\": \"2\", \"output\": \"3\", \"tiers\": [] } ] }"
                + " | model 'gemini/g' tiers[0] has unknown field 'tiers'",
        "duplicate key | \"openai/gpt-x\": { \"input\": \"1\", \"output\": \"2\" },"
                + " \"openai/gpt-x\": { \"input\": \"3\", \"output\": \"4\" } | Duplicate field 'openai/gpt-x'",
    })
    void shouldRejectMalformedEntryNamingModelAndField(String what, String models, String message) {
        assertThatThrownBy(() -> PricingCatalog.parse(catalog(models), "broken.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("pricing catalog broken.json")
                .hasMessageContaining(message);
    }

    @Test
    void shouldParseTiersWithTheirOwnDefaults() {
        PricingCatalog parsed = PricingCatalog.parse(catalog("""
                "gemini/pro": { "input": "1.25", "cached_input": "0.125", "output": "10",
                  "tiers": [ { "above_prompt_tokens": 200000, "input": "2.50", "cached_input": "0.25",
                               "output": "15" } ] },
                "anthropic/sonnet": { "input": "3", "output": "15", "tiers": [] }"""), "test");
        assertThat(parsed.price("gemini", ProviderType.GEMINI, "pro")).hasValue(new Price("gemini/pro",
                1_250_000_000L, 125_000_000L, 1_250_000_000L, 1_250_000_000L, 10_000_000_000L, 10_000_000_000L,
                List.of(new Price.Tier(200_000, 2_500_000_000L, 250_000_000L,
                        2_500_000_000L, 2_500_000_000L, // unstated cache writes: the tier's own input rate
                        15_000_000_000L, 15_000_000_000L)))); // unstated reasoning: the tier's own output rate
        assertThat(parsed.price("anthropic", ProviderType.ANTHROPIC, "sonnet").orElseThrow().tiers()).isEmpty();
    }

    @Test
    void shouldRejectWrongFormatName() {
        String json = catalog("\"openai/m\": { \"input\": \"1\", \"output\": \"2\" }")
                .replace("tollgate-pricing-v1", "tollgate-pricing-v2");
        assertThatThrownBy(() -> PricingCatalog.parse(json, "broken.json"))
                .hasMessageContaining("field 'format' must be 'tollgate-pricing-v1', was 'tollgate-pricing-v2'");
    }

    @Test
    void shouldRejectBadProvenance() {
        String badDate = catalog("\"openai/m\": { \"input\": \"1\", \"output\": \"2\" }")
                .replace("2026-11-29", "29.11.2026");
        assertThatThrownBy(() -> PricingCatalog.parse(badDate, "c")).hasMessageContaining("'as_of'");
        String noSource = catalog("\"openai/m\": { \"input\": \"1\", \"output\": \"2\" }")
                .replace("\"test pages\"", "\" \"");
        assertThatThrownBy(() -> PricingCatalog.parse(noSource, "c")).hasMessageContaining("'source'");
        String euro = catalog("\"openai/m\": { \"input\": \"1\", \"output\": \"2\" }").replace("USD", "EUR");
        assertThatThrownBy(() -> PricingCatalog.parse(euro, "c")).hasMessageContaining("'currency'");
    }

    @Test
    void shouldRejectEmptyCatalogAndBrokenJson() {
        assertThatThrownBy(() -> PricingCatalog.parse(catalog(""), "c"))
                .hasMessageContaining("field 'models' must be a non-empty object");
        assertThatThrownBy(() -> PricingCatalog.parse("{ \"format\": ", "c"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not valid JSON");
        assertThatThrownBy(() -> PricingCatalog.parse("[]", "c")).hasMessageContaining("must be a JSON object");
    }
}
