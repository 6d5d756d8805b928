package io.tollgate.config;

import static io.tollgate.config.ConfigFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code type: groq} and the rest of the OpenAI-compatible family: a base URL and quirks per preset. */
class ProviderPresetsTest {

    @Test
    void shouldGiveEachPresetItsBaseUrlAndQuirks() {
        TollgateConfig config = parse("""
                providers:
                  groq: { type: groq, keys: [ { name: k, value: gsk-1 } ] }
                  mistral: { type: mistral, keys: [ { name: k, value: ms-1 } ] }
                  together: { type: together, keys: [ { name: k, value: tg-1 } ] }
                  openrouter: { type: openrouter, keys: [ { name: k, value: or-1 } ] }
                  deepseek: { type: deepseek, keys: [ { name: k, value: ds-1 } ] }
                  fireworks: { type: fireworks, keys: [ { name: k, value: fw-1 } ] }
                  ollama: { type: ollama }
                  vllm: { type: vllm, base_url: "http://gpu-box:8000/v1" }
                """, Map.of());

        assertThat(config.providers().get("groq").baseUrl()).isEqualTo("https://api.groq.com/openai/v1");
        assertThat(config.providers().get("mistral").baseUrl()).isEqualTo("https://api.mistral.ai/v1");
        assertThat(config.providers().get("together").baseUrl()).isEqualTo("https://api.together.xyz/v1");
        assertThat(config.providers().get("openrouter").baseUrl()).isEqualTo("https://openrouter.ai/api/v1");
        assertThat(config.providers().get("deepseek").baseUrl()).isEqualTo("https://api.deepseek.com/v1");
        assertThat(config.providers().get("fireworks").baseUrl()).isEqualTo("https://api.fireworks.ai/inference/v1");
        assertThat(config.providers().get("ollama").baseUrl()).isEqualTo("http://127.0.0.1:11434/v1");
        assertThat(config.providers().get("vllm").baseUrl()).isEqualTo("http://gpu-box:8000/v1");
        assertThat(config.providers().get("ollama").keys()).as("a local server needs no key")
                .extracting(ProviderKey::name).containsExactly("none");
        assertThat(ProviderType.MISTRAL.streamOptions()).isFalse();
        assertThat(ProviderType.MISTRAL.maxTokensField()).isEqualTo("max_tokens");
        assertThat(ProviderType.GROQ.streamOptions()).isTrue();
        assertThat(ProviderType.values()).filteredOn(ProviderType::openAiCompatible)
                .doesNotContain(ProviderType.ANTHROPIC).contains(ProviderType.OPENAI, ProviderType.GROQ);
    }

    @Test
    void shouldStillRequireKeysOfHostedPresetsAndKeepAzureToOpenAi() {
        assertThatThrownBy(() -> parse("providers: { groq: { type: groq } }", Map.of()))
                .hasMessageContaining("keys: must list at least one key for type groq");
        assertThatThrownBy(() -> parse("""
                providers: { groq: { type: groq, api_version: "2024-10-21", keys: [ { name: k, value: v } ] } }
                """, Map.of())).hasMessageContaining("api_version").hasMessageContaining("only allowed for type openai");
    }

    @Test
    void shouldBindGeminiAndBedrockWithTheirCredentials() {
        TollgateConfig config = parse("""
                providers:
                  gemini: { type: gemini, keys: [ { name: g, value: AIza-key } ] }
                  bedrock:
                    type: bedrock
                    region: eu-west-3
                    keys:
                      - { name: signed, access_key_id: AKIAEXAMPLE, value: secret-access-key, session_token: tok }
                      - { name: api, value: bedrock-api-key }
                """, Map.of());

        assertThat(config.providers().get("gemini").baseUrl()).isEqualTo("https://generativelanguage.googleapis.com");
        ProviderConfig bedrock = config.providers().get("bedrock");
        assertThat(bedrock.baseUrl()).isEqualTo("https://bedrock-runtime.eu-west-3.amazonaws.com");
        assertThat(bedrock.region()).contains("eu-west-3");
        assertThat(bedrock.keys().get(0).accessKeyId()).contains("AKIAEXAMPLE");
        assertThat(bedrock.keys().get(0).sessionToken()).hasValueSatisfying(t -> assertThat(t.reveal()).isEqualTo("tok"));
        assertThat(bedrock.keys().get(1).accessKeyId()).isEmpty();
        assertThat(bedrock.toString()).doesNotContain("secret-access-key", "tok,", "bedrock-api-key");
        assertThat(ProviderType.GEMINI.openAiCompatible()).isFalse();
        assertThatThrownBy(() -> parse("providers: { b: { type: bedrock, keys: [ { name: k, value: v } ] } }", Map.of()))
                .hasMessageContaining("region: is required for type bedrock");
        assertThatThrownBy(() -> parse("""
                providers: { o: { type: openai, keys: [ { name: k, value: v, access_key_id: AKIA } ] } }
                """, Map.of())).hasMessageContaining("access_key_id: is only allowed for type bedrock");
    }
}
