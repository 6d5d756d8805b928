package io.tollgate.adapters.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.adapters.Json;
import io.tollgate.config.ProviderType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Speech-to-text prices ({@code /audio/transcriptions} and {@code /audio/translations}), from the
 * {@code audio_transcription} section of the bundled catalog. A model is priced either per minute of audio
 * ({@code "openai/whisper-1": {"per_minute": "0.006"}}), billed by the second, or by tokens: audio input, text input
 * (the prompt) and text output, each per one million, with the model's documented token limits that bound a
 * reservation. Immutable.
 */
public final class TranscriptionPrices {

    private static final String RESOURCE = "catalog.json";
    /** Nano-dollars per dollar times one million seconds. */
    private static final BigDecimal SCALE = BigDecimal.valueOf(Money.NANOS_PER_USD).multiply(BigDecimal.valueOf(1_000_000L));
    private static final BigDecimal SECONDS_PER_MINUTE = BigDecimal.valueOf(60);

    private final Map<String, TranscriptionPrice> prices;

    private TranscriptionPrices(Map<String, TranscriptionPrice> prices) {
        this.prices = Map.copyOf(prices);
    }

    /**
     * How one model's transcriptions are billed.
     *
     * <p>Per second: {@link #price()}'s input rate is the price of one million seconds, and a usage of {@code s}
     * input units costs {@code s} seconds. By tokens: its input rate is the audio-token rate, its cached-input rate
     * the text-token (prompt) rate and its output rate the text output rate, so a usage puts audio tokens in
     * {@code inputTokens}, the prompt's text tokens in {@code cachedInputTokens} and the transcript in
     * {@code outputTokens}.
     *
     * @param price the rates, as above
     * @param perSecond true when billed by the second of audio, false when by tokens
     * @param maxInputTokens a token-billed model's context window (audio and prompt), 0 when billed by the second
     * @param maxOutputTokens a token-billed model's most output tokens, 0 when billed by the second
     */
    public record TranscriptionPrice(Price price, boolean perSecond, long maxInputTokens, long maxOutputTokens) {

        public TranscriptionPrice {
            java.util.Objects.requireNonNull(price, "price");
            if (maxInputTokens < 0 || maxOutputTokens < 0) {
                throw new IllegalArgumentException("token limits must not be negative for " + price.model());
            }
        }
    }

    /** The transcription prices of the bundled catalog. */
    public static TranscriptionPrices bundled() {
        try (InputStream in = TranscriptionPrices.class.getResourceAsStream(RESOURCE)) {
            return parse(Json.MAPPER.readTree(in).path("audio_transcription"));
        } catch (IOException e) {
            throw new UncheckedIOException("the pricing catalog cannot be read", e);
        }
    }

    /**
     * Prices from a catalog section shaped like {@code audio_transcription}.
     *
     * @throws IllegalArgumentException when an entry has neither {@code per_minute} nor token rates, or a rate or a
     *     limit is not a non-negative number
     */
    static TranscriptionPrices parse(JsonNode section) {
        Map<String, TranscriptionPrice> prices = new HashMap<>();
        section.properties().forEach(entry -> prices.put(entry.getKey(), entry(entry.getKey(), entry.getValue())));
        return new TranscriptionPrices(prices);
    }

    private static TranscriptionPrice entry(String key, JsonNode entry) {
        if (entry.has("per_minute")) {
            // $ per minute × 10^9 nanos × 10^6 seconds / 60: $0.006 per minute is 10^11 nanos per million seconds
            long perMillionSeconds = usd(key, entry, "per_minute").multiply(SCALE)
                    .divide(SECONDS_PER_MINUTE, 0, RoundingMode.HALF_UP).longValueExact();
            return new TranscriptionPrice(new Price(key, perMillionSeconds, 0, 0, 0, 0, 0), true, 0, 0);
        }
        if (!entry.has("audio_input") || !entry.has("output")) {
            throw new IllegalArgumentException("audio_transcription entry '" + key + "' needs 'per_minute', or "
                    + "'audio_input' and 'output' (and optionally 'text_input'), was " + entry);
        }
        long audio = Money.ofUsd(usd(key, entry, "audio_input")).nanos();
        long text = entry.has("text_input") ? Money.ofUsd(usd(key, entry, "text_input")).nanos() : audio;
        long output = Money.ofUsd(usd(key, entry, "output")).nanos();
        return new TranscriptionPrice(new Price(key, audio, text, 0, 0, output, 0), false,
                limit(key, entry, "max_input_tokens"), limit(key, entry, "max_output_tokens"));
    }

    private static BigDecimal usd(String key, JsonNode entry, String field) {
        try {
            BigDecimal value = new BigDecimal(entry.path(field).asText());
            if (value.signum() < 0) {
                throw new NumberFormatException("negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("audio_transcription entry '" + key + "' field '" + field
                    + "' must be a non-negative price in USD, was " + entry.path(field), e);
        }
    }

    private static long limit(String key, JsonNode entry, String field) {
        JsonNode value = entry.path(field);
        if (!value.canConvertToLong() || value.asLong() < 1) {
            throw new IllegalArgumentException("audio_transcription entry '" + key + "' field '" + field
                    + "' must be a positive token count (it bounds the reservation), was " + value);
        }
        return value.asLong();
    }

    /** The price of this model's transcriptions and translations, if the catalog has it. */
    public Optional<TranscriptionPrice> price(ProviderType type, String model) {
        return Optional.ofNullable(prices.get(type.configName() + "/" + model));
    }
}
