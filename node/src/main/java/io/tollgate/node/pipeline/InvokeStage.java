package io.tollgate.node.pipeline;

import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.Operation;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.Usage;
import io.tollgate.adapters.bridge.Bridge;
import io.tollgate.adapters.spi.UpstreamResponse;
import io.tollgate.adapters.translate.UpstreamErrors;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Calls the upstream: bridges the body into the upstream's dialect, sends it with the chosen key, and either keeps
 * the whole translated response on the exchange (written after accounting) or relays the stream to the client as it
 * arrives. An upstream error status becomes a {@link GatewayException} that keeps the upstream's status and message.
 * The last stage: it never calls the next.
 */
public final class InvokeStage implements Stage {

    /** {@code max_tokens} sent to an Anthropic upstream when an OpenAI-format request gives none. */
    public static final long DEFAULT_MAX_TOKENS = 4096;
    private static final int MAX_ERROR_BODY = 64 * 1024;
    private static final String[] PASSED_HEADERS = {"anthropic-version", "anthropic-beta", "traceparent",
        "tracestate", "openai-organization", "openai-project"};

    private static final String[] QUOTA_HEADERS = {"x-ratelimit-remaining-requests", "x-ratelimit-remaining-tokens",
        "x-ratelimit-reset-requests", "x-ratelimit-reset-tokens", "anthropic-ratelimit-requests-remaining",
        "anthropic-ratelimit-tokens-remaining", "anthropic-ratelimit-requests-reset", "anthropic-ratelimit-tokens-reset",
        "retry-after"};

    private final Clock clock;
    private final java.util.function.Supplier<Map<String, String>> traceHeaders;
    private final AudioUploads uploads = new AudioUploads(io.tollgate.adapters.pricing.TranscriptionPrices.bundled());

    private InvokeStage(Clock clock, java.util.function.Supplier<Map<String, String>> traceHeaders) {
        this.clock = clock;
        this.traceHeaders = traceHeaders;
    }

    /** An invoke stage stamping translated responses with this clock. */
    public static InvokeStage create(Clock clock) {
        return new InvokeStage(clock, Map::of);
    }

    /**
     * An invoke stage that sends {@code traceHeaders} (the current span's {@code traceparent}, when tracing is on)
     * upstream in place of the client's.
     */
    public static InvokeStage create(Clock clock, java.util.function.Supplier<Map<String, String>> traceHeaders) {
        return new InvokeStage(clock, traceHeaders);
    }

    @Override
    public void handle(Exchange exchange, Chain next) {
        Route route = exchange.route().orElseThrow(() -> new IllegalStateException("no route"));
        if (exchange.operation() == Operation.COUNT_TOKENS) {
            boolean provider = TokenCounts.byProvider(exchange.dialect(), route);
            exchange.channel().header(TokenCounts.SOURCE_HEADER, provider ? "provider" : "estimate");
            if (!provider) {
                exchange.response(TokenCounts.estimate(exchange.dialect(), exchange.body()));
                return;
            }
        }
        if (exchange.resource().isPresent()) {
            ResourceInvoke.call(exchange, route, passHeaders(exchange, route));
            return;
        }
        if (exchange.operation().audioUpload()) {
            upload(exchange, route);
            return;
        }
        Bridge.Context context = new Bridge.Context(exchange.responseIdBase(), exchange.operation(),
                exchange.body().path("model").asText(), route.model().model(), clock.instant().getEpochSecond(),
                DEFAULT_MAX_TOKENS);
        boolean nativeResponses = upstreamDialect(route) == Dialect.OPENAI
                && route.adapter().supports(Operation.RESPONSES);
        Bridge bridge = exchange.operation() == Operation.RESPONSES
                ? Bridge.forResponses(upstreamDialect(route), nativeResponses, exchange.body(), context)
                : Bridge.create(exchange.dialect(), upstreamDialect(route), exchange.body(), context);
        long sent = System.nanoTime();
        Map<String, String> headers = passHeaders(exchange, route);
        headers.putAll(traceHeaders.get());
        UpstreamResponse response;
        try {
            response = route.adapter().send(Bridge.upstreamOperation(exchange.operation(), nativeResponses),
                    route.model().model(), route.key(),
                    bridge.request(), headers, exchange.stream());
        } catch (RuntimeException unreachable) {
            exchange.addUpstreamTime(System.nanoTime() - sent);
            throw unreachable;
        }
        exchange.upstream(quotaHeaders(response), System.nanoTime() - sent);
        try (response) {
            if (response.status() < 200 || response.status() > 299) {
                throw upstreamError(response, route);
            }
            if (exchange.operation() == Operation.SPEECH) {
                SpeechRelay.relay(exchange, route, response);   // audio, relayed as it arrives
            } else if (exchange.stream()) {
                StreamRelay.relay(exchange, response, bridge.stream());
            } else {
                Bridge.Translated translated = bridge.response(readAll(response, Integer.MAX_VALUE));
                // images are priced per image: one output unit each, counted in the answer
                exchange.usage(exchange.operation() == Operation.IMAGES
                        ? Usage.of(0, Json.parseObject(translated.body()).path("data").size()) : translated.usage());
                exchange.response(new Exchange.Response(200, "application/json", translated.body()));
            }
        } finally {
            exchange.addUpstreamTime(System.nanoTime() - sent);
        }
    }

    /** A transcription or translation: the client's form, rebuilt for the upstream, sent as a form. */
    private void upload(Exchange exchange, Route route) {
        AudioUploads.Form form = uploads.form(exchange, route);
        Map<String, String> headers = passHeaders(exchange, route);
        headers.putAll(traceHeaders.get());
        call(exchange, route, () -> route.adapter().sendForm(exchange.operation(), route.model().model(),
                route.key(), form.body(), form.contentType(), headers), response -> {
                    String type = response.header("content-type").orElse("application/json");
                    if (type.toLowerCase(java.util.Locale.ROOT).startsWith("text/event-stream")) {
                        TranscriptStream.relay(exchange, response, done -> uploads.usage(exchange, route, done));
                    } else {
                        uploads.answer(exchange, route, form, readAll(response, Integer.MAX_VALUE), type);
                    }
                });
    }

    /** What is done with an upstream's successful answer. */
    interface Answer {
        void take(UpstreamResponse response);
    }

    /**
     * One upstream call off the chat path (forms, stored resources): timed on the exchange, its quota headers kept,
     * a non-2xx answer thrown as the upstream's error, a 2xx one handed to {@code answer}, closed in every case.
     * The chat path in {@link #handle} does the same inline, without the two lambdas.
     */
    static void call(Exchange exchange, Route route, java.util.function.Supplier<UpstreamResponse> send,
                     Answer answer) {
        long sent = System.nanoTime();
        UpstreamResponse response;
        try {
            response = send.get();
        } catch (RuntimeException unreachable) {
            exchange.addUpstreamTime(System.nanoTime() - sent);
            throw unreachable;
        }
        exchange.upstream(quotaHeaders(response), System.nanoTime() - sent);
        try (response) {
            if (response.status() < 200 || response.status() > 299) {
                throw upstreamError(response, route);
            }
            answer.take(response);
        } finally {
            exchange.addUpstreamTime(System.nanoTime() - sent);
        }
    }

    /** The format the route's upstream speaks for its model (Vertex AI: Claude in Anthropic's, Gemini in Google's). */
    private static Dialect upstreamDialect(Route route) {
        return route.adapter().dialect(route.model().model());
    }

    /** The upstream's rate-limit headers (OpenAI's and Anthropic's), for the balancer. */
    private static Map<String, String> quotaHeaders(UpstreamResponse response) {
        Map<String, String> headers = new HashMap<>(4);
        for (String name : QUOTA_HEADERS) {
            response.header(name).ifPresent(value -> headers.put(name, value));
        }
        return headers;
    }

    private static Map<String, String> passHeaders(Exchange exchange, Route route) {
        Map<String, String> headers = new HashMap<>(4);
        for (String name : PASSED_HEADERS) {
            boolean anthropicOnly = name.startsWith("anthropic-");
            if (anthropicOnly && upstreamDialect(route) != Dialect.ANTHROPIC) {
                continue;
            }
            exchange.header(name).ifPresent(value -> headers.put(name, value));
        }
        return headers;
    }

    static GatewayException upstreamError(UpstreamResponse response, Route route) {
        byte[] body;
        try {
            body = readAll(response, MAX_ERROR_BODY);
        } catch (GatewayException e) {
            body = new byte[0];
        }
        Dialect dialect = upstreamDialect(route);
        GatewayException error = switch (dialect) {
            case GEMINI -> io.tollgate.adapters.gemini.GeminiErrors.parse(response.status(), body);
            case BEDROCK -> io.tollgate.adapters.bedrock.BedrockConverse.error(response.status(),
                    response.header("x-amzn-errortype").orElse(""), body);
            default -> UpstreamErrors.parse(response.status(), body, dialect);
        };
        return response.header("retry-after")
                .flatMap(InvokeStage::seconds)
                .map(error::withRetryAfter)
                .orElse(error);
    }

    private static java.util.Optional<java.time.Duration> seconds(String value) {
        try {
            return java.util.Optional.of(java.time.Duration.ofSeconds(Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    static byte[] readAll(UpstreamResponse response, int limit) {
        try (InputStream in = response.body()) {
            long declared = declaredLength(response);
            if (declared >= 0 && declared <= limit) {
                // read into an array of the body's size: the unsized reads take 16 KB buffers, here and in the
                // client, per call (48 KB of garbage for a 300-byte answer)
                byte[] body = new byte[(int) declared];
                int read = in.readNBytes(body, 0, body.length);
                // and read its end: the client keeps the connection for the next call only once it saw the end
                in.read(new byte[1], 0, 1);
                return read == body.length ? body : Arrays.copyOf(body, read);
            }
            return limit == Integer.MAX_VALUE ? in.readAllBytes() : in.readNBytes(limit);
        } catch (IOException e) {
            throw StreamRelay.readFailure(response, e);
        }
    }

    /**
     * The body's length when the upstream declared it and the bytes read are the bytes sent (no content coding the
     * client might undo); -1 otherwise.
     */
    static long declaredLength(UpstreamResponse response) {
        if (response.header("content-encoding").filter(coding -> !coding.equalsIgnoreCase("identity")).isPresent()) {
            return -1;
        }
        return response.header("content-length").map(InvokeStage::length).orElse(-1L);
    }

    private static long length(String value) {
        try {
            long length = Long.parseLong(value.strip());
            return length >= 0 && length <= Integer.MAX_VALUE - 8 ? length : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
