package io.tollgate.node.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.Usage;
import io.tollgate.adapters.multipart.MultipartForm;
import io.tollgate.adapters.pricing.TranscriptionPrices;
import io.tollgate.adapters.pricing.TranscriptionPrices.TranscriptionPrice;
import io.tollgate.cluster.ledger.WorstCase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Transcriptions and translations: the form sent upstream, the worst case reserved before, the usage and the
 * answer after.
 *
 * <p>Per-second models (whisper) are always asked for {@code verbose_json}, whose {@code usage.seconds} (or
 * {@code duration}) is the audio's length: the client's {@code json}, {@code text}, {@code srt} or {@code vtt} is
 * rendered from it, so every answer is billed exactly, by the second rounded up. Token models
 * (gpt-4o-transcribe) answer {@code json} with a token {@code usage}; the client's {@code text} is rendered from it.
 *
 * <p>Before the call the length is unknown, so the reservation is a bound: for a per-second model the file's
 * bytes at {@link #MIN_BYTES_PER_SECOND} (6 kbit/s, below the lowest bitrate of the codecs OpenAI takes in
 * practice: a lower one would understate a long, highly compressed file), for a token model its catalogued context
 * window at the audio rate plus its most output tokens. An answer without a usage is charged that bound.
 * Stateless and thread-safe.
 */
final class AudioUploads {

    /** 6 kbit/s: the slowest audio a per-second reservation assumes. */
    static final long MIN_BYTES_PER_SECOND = 750;

    private final TranscriptionPrices prices;

    AudioUploads(TranscriptionPrices prices) {
        this.prices = prices;
    }

    /**
     * A form for the upstream.
     *
     * @param body the multipart body
     * @param contentType its content type with the boundary
     * @param clientFormat the {@code response_format} the client asked for
     * @param upstreamFormat the one asked of the upstream
     */
    record Form(byte[] body, String contentType, String clientFormat, String upstreamFormat) {
    }

    /** The catalogued price of the target's model, if any. */
    Optional<TranscriptionPrice> price(Target target) {
        return prices.price(target.adapter().config().type(), target.model().model());
    }

    /** The most the call may cost: a bound of the audio's length or tokens (see the class comment). */
    WorstCase worstCase(Exchange exchange, Target target) {
        Optional<TranscriptionPrice> price = price(target);
        if (price.isEmpty()) {
            return new WorstCase(0, 0, 0, 0);
        }
        Usage bound = bound(price.get(), exchange.body());
        var rates = price.get().price();
        long inputRate = Math.max(rates.input(), rates.cachedInput());
        return new WorstCase(Math.ceilDiv(Math.multiplyExact(bound.inputTokens(), inputRate), 1_000_000L),
                bound.outputTokens(), rates.output(), bound.inputTokens());
    }

    /** The largest usage a call may have, as the reservation assumes it. */
    private static Usage bound(TranscriptionPrice price, JsonNode body) {
        if (price.perSecond()) {
            long bytes = body.get("file") instanceof AudioUpload file ? file.size() : 0;
            return Usage.of(Math.max(1, Math.ceilDiv(bytes, MIN_BYTES_PER_SECOND)), 0);
        }
        return Usage.of(price.maxInputTokens(), price.maxOutputTokens());
    }

    /** The form for the upstream: the client's fields with the upstream's model name, and the file. */
    Form form(Exchange exchange, Route route) {
        ObjectNode body = exchange.body();
        String clientFormat = body.path("response_format").asText("json");
        Optional<TranscriptionPrice> price = prices.price(route.adapter().config().type(), route.model().model());
        String upstreamFormat = clientFormat;
        if (price.map(TranscriptionPrice::perSecond).orElse(false)
                && (clientFormat.equals("json") || clientFormat.equals("text") || clientFormat.equals("srt")
                || clientFormat.equals("vtt"))) {
            upstreamFormat = "verbose_json";
        } else if (price.isPresent() && clientFormat.equals("text")) {
            upstreamFormat = "json";
        }
        List<MultipartForm.Part> parts = new ArrayList<>(body.size() + 1);
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            String name = field.getKey();
            JsonNode value = switch (name) {
                case "model" -> Json.MAPPER.getNodeFactory().textNode(route.model().model());
                case "response_format" -> Json.MAPPER.getNodeFactory().textNode(upstreamFormat);
                default -> field.getValue();
            };
            if (value instanceof AudioUpload file) {
                parts.add(new MultipartForm.Part(name, Optional.of(file.filename()), Optional.of(file.contentType()),
                        file.binaryValue()));
            } else if (value.isArray()) {
                for (JsonNode item : value) {
                    parts.add(text(name, item.asText()));
                }
            } else {
                parts.add(text(name, value.asText()));
            }
        }
        if (!body.has("response_format") && !upstreamFormat.equals(clientFormat)) {
            parts.add(text("response_format", upstreamFormat));
        }
        MultipartForm form = MultipartForm.of(parts);
        return new Form(form.bytes(), form.contentType(), clientFormat, upstreamFormat);
    }

    /** Reads the upstream's answer: sets the usage and the client's response. */
    void answer(Exchange exchange, Route route, Form form, byte[] body, String contentType) {
        Optional<TranscriptionPrice> price = prices.price(route.adapter().config().type(), route.model().model());
        boolean json = contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
        if (!json) {
            exchange.usage(price.map(p -> bound(p, exchange.body())).orElse(Usage.ZERO));
            exchange.response(new Exchange.Response(200, contentType, body));
            return;
        }
        ObjectNode answer;
        try {
            answer = Json.parseObject(body);
        } catch (GatewayException unreadable) {
            throw GatewayException.of(ErrorKind.UPSTREAM_ERROR, "The upstream's transcription is not valid JSON.");
        }
        exchange.usage(usage(exchange, route, answer));
        if (form.clientFormat().equals(form.upstreamFormat())) {
            exchange.response(new Exchange.Response(200, "application/json", body));
            return;
        }
        String text = answer.path("text").asText("");
        Exchange.Response response = switch (form.clientFormat()) {
            case "text" -> plain("text/plain; charset=utf-8", text + "\n");
            case "srt" -> plain("text/plain; charset=utf-8", Subtitles.srt(answer.path("segments")));
            case "vtt" -> plain("text/vtt; charset=utf-8", Subtitles.vtt(answer.path("segments")));
            default -> {
                ObjectNode plain = Json.object();
                plain.put("text", text);
                if (answer.has("usage")) {
                    plain.set("usage", answer.get("usage"));
                } else if (answer.has("duration")) {
                    plain.putObject("usage").put("type", "duration").set("seconds", answer.get("duration"));
                }
                yield new Exchange.Response(200, "application/json", Json.bytes(plain));
            }
        };
        exchange.response(response);
    }

    /**
     * The usage an answer (or a stream's {@code transcript.text.done} event) reports, else, when it reports none,
     * the reserved bound (nothing for an unpriced model).
     */
    Usage usage(Exchange exchange, Route route, JsonNode answer) {
        Optional<TranscriptionPrice> price = prices.price(route.adapter().config().type(), route.model().model());
        return usage(answer, price).orElseGet(() -> price.map(p -> bound(p, exchange.body())).orElse(Usage.ZERO));
    }

    /** The usage an answer reports, in the buckets of the model's price (see {@link TranscriptionPrice}). */
    private static Optional<Usage> usage(JsonNode answer, Optional<TranscriptionPrice> price) {
        JsonNode usage = answer.path("usage");
        String type = usage.path("type").asText("");
        boolean perSecond = price.map(TranscriptionPrice::perSecond).orElse(false);
        if (type.equals("tokens") && !perSecond) {
            long input = Math.max(0, usage.path("input_tokens").asLong(0));
            JsonNode details = usage.path("input_token_details");
            long audio = details.has("audio_tokens") ? Math.max(0, details.path("audio_tokens").asLong(0)) : input;
            long text = details.has("text_tokens") ? Math.max(0, details.path("text_tokens").asLong(0)) : 0;
            return Optional.of(new Usage(audio, text, 0, 0, Math.max(0, usage.path("output_tokens").asLong(0)), 0));
        }
        JsonNode seconds = type.equals("duration") ? usage.path("seconds") : answer.path("duration");
        if (perSecond && seconds.isNumber() && seconds.asDouble() >= 0) {
            // billed by the second, rounded up
            return Optional.of(Usage.of(seconds.decimalValue().setScale(0, java.math.RoundingMode.CEILING)
                    .longValue(), 0));
        }
        return Optional.empty();
    }

    private static Exchange.Response plain(String contentType, String text) {
        return new Exchange.Response(200, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    private static MultipartForm.Part text(String name, String value) {
        return new MultipartForm.Part(name, Optional.empty(), Optional.empty(), value.getBytes(StandardCharsets.UTF_8));
    }
}
