package io.tollgate.adapters.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.adapters.Json;
import io.tollgate.adapters.Usage;
import io.tollgate.config.ProviderType;
import org.junit.jupiter.api.Test;

/** Speech-to-text prices: per second from a per-minute rate, or by audio, prompt and output tokens, exactly. */
class TranscriptionPricesTest {

    private final TranscriptionPrices bundled = TranscriptionPrices.bundled();

    @Test
    void shouldChargeWhisperExactlyPerSecondFromItsPerMinuteRate() {
        var whisper = bundled.price(ProviderType.OPENAI, "whisper-1").orElseThrow();
        assertThat(whisper.perSecond()).isTrue();
        // $0.006 per minute = $0.0001 per second = 100,000 nano-dollars
        assertThat(whisper.price().cost(Usage.of(1, 0)).nanos()).isEqualTo(100_000L);
        assertThat(whisper.price().cost(Usage.of(61, 0)).nanos()).isEqualTo(6_100_000L);
    }

    @Test
    void shouldChargeTokenModelsPerAudioPromptAndOutputToken() {
        var transcribe = bundled.price(ProviderType.OPENAI, "gpt-4o-transcribe").orElseThrow();
        assertThat(transcribe.perSecond()).isFalse();
        assertThat(transcribe.maxInputTokens()).isEqualTo(16_000);
        assertThat(transcribe.maxOutputTokens()).isEqualTo(2_000);
        // 1,000 audio tokens × $6/M + 20 prompt tokens × $2.50/M + 300 output tokens × $10/M
        Usage usage = new Usage(1_000, 20, 0, 0, 300, 0);
        assertThat(transcribe.price().cost(usage).nanos()).isEqualTo(6_000_000L + 50_000L + 3_000_000L);
    }

    @Test
    void shouldHaveNoPriceForUnknownModelsOrProviderTypes() {
        assertThat(bundled.price(ProviderType.OPENAI, "tts-1")).isEmpty();
        assertThat(bundled.price(ProviderType.ANTHROPIC, "whisper-1")).isEmpty();
    }

    @Test
    void shouldRoundAPerMinuteRateThatIsNoWholeNanoPerMillionSeconds() throws Exception {
        var odd = TranscriptionPrices.parse(Json.MAPPER.readTree("{\"groq/whisper-large-v3\":{\"per_minute\":"
                + "\"0.00185\"}}")).price(ProviderType.GROQ, "whisper-large-v3").orElseThrow();
        // 0.00185 × 10^15 / 60 = 30,833,333,333.33 nanos per million seconds
        assertThat(odd.price().input()).isEqualTo(30_833_333_333L);
        assertThat(odd.price().cost(Usage.of(3_600, 0)).nanos()).isEqualTo(111_000_000L);
    }

    @Test
    void shouldRefuseAnEntryWithoutRatesOrLimits() {
        assertThatThrownBy(() -> TranscriptionPrices.parse(Json.MAPPER.readTree("{\"openai/x\":{\"output\":\"1\"}}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'openai/x' needs 'per_minute'");
        assertThatThrownBy(() -> TranscriptionPrices.parse(Json.MAPPER.readTree(
                "{\"openai/x\":{\"audio_input\":\"1\",\"output\":\"1\"}}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'max_input_tokens'");
        assertThatThrownBy(() -> TranscriptionPrices.parse(Json.MAPPER.readTree("{\"openai/x\":{\"per_minute\":"
                + "\"-1\"}}"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-negative");
    }
}
