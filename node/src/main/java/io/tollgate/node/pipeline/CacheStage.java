package io.tollgate.node.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.Operation;
import io.tollgate.adapters.SseEvent;
import io.tollgate.adapters.replay.Replay;
import io.tollgate.adapters.replay.ReplayOptions;
import io.tollgate.cache.CacheHit;
import io.tollgate.cache.Probe;
import io.tollgate.cache.ResponseCache;
import io.tollgate.cache.key.Cacheability;
import io.tollgate.cache.key.RequestFormat;
import io.tollgate.cache.key.RequestKey;
import io.tollgate.cache.key.RequestKeys;
import io.tollgate.cluster.governance.GovernanceRegistry;
import io.tollgate.config.CacheConfig;
import io.tollgate.config.CacheMode;
import io.tollgate.adapters.Usage;
import io.tollgate.adapters.pricing.Money;
import io.tollgate.adapters.pricing.Price;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Answers a chat request from the cache when it can, after governance admitted it (a hit is counted in the key's
 * request windows and settled at cost 0) and before any upstream call: the exact entry first, then, in semantic
 * mode, the nearest one of the same partition. A hit is replayed in the client's format, as a stream when the
 * client streams. On a miss the request goes on, and a complete, successful answer is stored after the response
 * (whole, or assembled from the streamed events). Headers: {@code x-tollgate-cache: hit-exact | hit-semantic | miss
 * | skip}, {@code x-tollgate-cache-similarity}, {@code x-tollgate-cache-saved-usd}.
 */
public final class CacheStage implements Stage {

    /** The response header that tells what the cache did. */
    public static final String STATUS_HEADER = "x-tollgate-cache";

    private final ResponseCache cache;
    private final RequestKeys keys;
    private final CacheConfig config;
    private final GovernanceRegistry registry;
    private final Clock clock;
    private final Optional<Price> embeddingPrice;

    private CacheStage(ResponseCache cache, RequestKeys keys, CacheConfig config, GovernanceRegistry registry,
                       Clock clock, Optional<Price> embeddingPrice) {
        this.embeddingPrice = embeddingPrice;
        this.cache = cache;
        this.keys = keys;
        this.config = config;
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * A cache stage over this node's cache; {@code keys} derive what requests are looked up by;
     * {@code embeddingPrice} prices the tokens of a paid embedder (empty for the local model).
     */
    public static CacheStage create(ResponseCache cache, RequestKeys keys, CacheConfig config,
                                    GovernanceRegistry registry, Clock clock, Optional<Price> embeddingPrice) {
        return new CacheStage(cache, keys, config, registry, clock, embeddingPrice);
    }

    @Override
    public void handle(Exchange exchange, Chain next) {
        if (exchange.operation() != Operation.CHAT || exchange.candidate() > 0) {
            next.proceed(exchange);
            return;
        }
        CacheControls controls = CacheControls.of(exchange, config, registry);
        if (controls.mode() == CacheMode.OFF) {
            next.proceed(exchange);
            return;
        }
        RequestFormat format = exchange.dialect() == Dialect.ANTHROPIC ? RequestFormat.ANTHROPIC_MESSAGES
                : RequestFormat.OPENAI_CHAT;
        Optional<String> refusal = Cacheability.refusal(format, exchange.candidateBody(), config.maxTemperature());
        if (refusal.isPresent() && !controls.forced()) {
            exchange.channel().header(STATUS_HEADER, "skip");
            exchange.channel().header("x-tollgate-cache-skip-reason", refusal.get());
            exchange.cacheOutcome(new Exchange.CacheOutcome("skip", 0, 0));
            next.proceed(exchange);
            return;
        }
        Target target = exchange.target().orElseThrow(() -> new IllegalStateException("cache before route"));
        RequestKey key = keys.of(controls.scope(), target.model().address(), format, exchange.candidateBody());
        Probe probe = cache.probe(key, controls.mode() == CacheMode.SEMANTIC, controls.threshold());
        if (probe.embeddingTokens() > 0 && embeddingPrice.isPresent()) {
            exchange.surcharge(embeddingPrice.get().cost(Usage.of(probe.embeddingTokens(), 0)));
        }
        if (probe.hit().isPresent()) {
            serve(exchange, probe.hit().get());
            return;
        }
        exchange.channel().header(STATUS_HEADER, "miss");
        exchange.cacheOutcome(new Exchange.CacheOutcome("miss", 0, 0));
        if (exchange.stream() && controls.store()) {
            exchange.startRecording(config.maxEntryBytes());
        }
        next.proceed(exchange);
        if (controls.store()) {
            Supplier<Optional<byte[]>> answer = answer(exchange);
            int max = config.maxEntryBytes();
            cache.store(key, probe, formatName(exchange.dialect()), () -> answer.get().filter(bytes -> bytes.length
                    <= max), exchange.priced() ? exchange.cost().nanos() : 0, Duration.ofSeconds(controls.ttlSeconds()));
        }
    }

    /**
     * The whole answer to keep, made up later on the cache's own thread (parsing and writing it again is not the
     * request's work): the response as sent, or the one the recorded stream makes up. An answer cut short by an
     * output limit governance set (not the client) is not kept: the client's own request may run longer.
     */
    private static Supplier<Optional<byte[]>> answer(Exchange exchange) {
        Dialect dialect = exchange.dialect();
        boolean adapted = exchange.bodyAdapted();
        if (exchange.stream()) {
            Optional<List<SseEvent>> events = exchange.recorded();
            Optional<Usage> usage = exchange.usageReported() ? Optional.of(exchange.usage()) : Optional.empty();
            return () -> events.flatMap(recorded -> Replay.assemble(dialect, recorded))
                    .map(answer -> withUsage(dialect, usage, answer))
                    .filter(answer -> !(adapted && truncated(answer))).map(Json::bytes);
        }
        Optional<Exchange.Response> response = exchange.response().filter(whole -> whole.status() == 200);
        return () -> response.map(whole -> Json.parseObject(whole.body()))
                .filter(answer -> Replay.replayable(dialect, answer))   // an upstream's 200 may be any JSON
                .filter(answer -> !(adapted && truncated(answer))).map(Json::bytes);
    }

    /** True when the answer stopped at its output limit. */
    private static boolean truncated(JsonNode whole) {
        if ("max_tokens".equals(whole.path("stop_reason").asText())) {
            return true;
        }
        for (JsonNode choice : whole.path("choices")) {
            if ("length".equals(choice.path("finish_reason").asText())) {
                return true;
            }
        }
        return false;
    }

    /**
     * An OpenAI client that did not ask for usage on its stream never saw it; the answer keeps the usage the
     * upstream reported, so a later client that asks for it gets it.
     */
    private static com.fasterxml.jackson.databind.node.ObjectNode withUsage(Dialect dialect, Optional<Usage> reported,
            com.fasterxml.jackson.databind.node.ObjectNode whole) {
        if (dialect == Dialect.OPENAI && !whole.has("usage") && reported.isPresent()) {
            Usage usage = reported.get();
            com.fasterxml.jackson.databind.node.ObjectNode out = whole.putObject("usage");
            out.put("prompt_tokens", usage.promptTokens());
            out.put("completion_tokens", usage.completionTokens());
            out.put("total_tokens", usage.totalTokens());
        }
        return whole;
    }

    private void serve(Exchange exchange, CacheHit hit) {
        String status = hit.kind() == CacheHit.Kind.EXACT ? "hit-exact" : "hit-semantic";
        exchange.cacheOutcome(new Exchange.CacheOutcome(status, hit.similarity(), hit.entry().costNanos()));
        exchange.cost(exchange.surcharge());
        ClientChannel channel = exchange.channel();
        channel.header(STATUS_HEADER, status);
        channel.header("x-tollgate-cache-similarity", String.format(Locale.ROOT, "%.4f", hit.similarity()));
        channel.header("x-tollgate-cache-saved-usd", Money.ofNanos(hit.entry().costNanos()).toUsdString());
        channel.header(AccountStage.COST_HEADER, exchange.surcharge().toUsdString());
        JsonNode whole = Json.parseObject(hit.entry().payload());
        ReplayOptions options = new ReplayOptions(replayId(exchange), clock.instant().getEpochSecond(),
                exchange.body().path("stream_options").path("include_usage").asBoolean(false));
        if (!exchange.stream()) {
            exchange.response(new Exchange.Response(200, "application/json",
                    Json.bytes(Replay.whole(exchange.dialect(), whole, options))));
            return;
        }
        List<SseEvent> events = Replay.events(exchange.dialect(), whole, options);
        try {
            ClientChannel.EventSink sink = channel.startEvents();
            exchange.markStreamed();
            exchange.events(sink);
            StringBuilder wire = new StringBuilder();
            for (SseEvent event : events) {
                wire.append(event.toWire());
            }
            sink.write(wire.toString());
            exchange.markFirstByte();
        } catch (IOException clientGone) {
            // nothing was spent; the client no longer listens
        }
    }

    private static String replayId(Exchange exchange) {
        return (exchange.dialect() == Dialect.ANTHROPIC ? "msg_" : "chatcmpl-") + exchange.id().replace("-", "");
    }

    private static String formatName(Dialect dialect) {
        return dialect.name().toLowerCase(Locale.ROOT);
    }
}
