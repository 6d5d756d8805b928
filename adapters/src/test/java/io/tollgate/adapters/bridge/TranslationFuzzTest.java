package io.tollgate.adapters.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.Operation;
import io.tollgate.adapters.SseEvent;
import io.tollgate.adapters.StreamTranslator;
import io.tollgate.adapters.Usage;
import io.tollgate.adapters.bedrock.BedrockConverse;
import io.tollgate.adapters.bedrock.BedrockNative;
import io.tollgate.adapters.bedrock.EventStreams;
import io.tollgate.adapters.fuzz.FuzzTries;
import io.tollgate.adapters.fuzz.JsonFuzz;
import io.tollgate.adapters.gemini.GeminiErrors;
import io.tollgate.adapters.gemini.GeminiToOpenAi;
import io.tollgate.adapters.replay.Replay;
import io.tollgate.adapters.replay.ReplayOptions;
import io.tollgate.adapters.translate.Fixtures;
import io.tollgate.adapters.translate.UpstreamErrors;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Fuzzes every translation between a client's format and an upstream's with hostile input: valid fixtures mutated
 * ({@link JsonFuzz#mutants}), random JSON and bytes that are not JSON. A client's request either translates or is
 * refused with {@code INVALID_REQUEST} (400); whatever an upstream answers — a whole body, an event stream, an
 * error body — either translates or fails with {@code UPSTREAM_ERROR} (502), never with another exception (a 500,
 * or a stream cut without its error event), and never with a negative token count; a cached answer replays and a
 * recorded stream assembles (or not) without failing. Tries: see {@link FuzzTries}.
 */
@AddLifecycleHook(FuzzTries.class)
class TranslationFuzzTest {

    private static final Bridge.Context CONTEXT = new Bridge.Context("req-1", Operation.CHAT, "client-model",
            "upstream-model", 1_700_000_000L, 4096);
    private static final List<Dialect> CLIENTS = List.of(Dialect.OPENAI, Dialect.ANTHROPIC);
    private static final Map<Dialect, List<String>> REQUESTS = Map.of(
            Dialect.OPENAI, List.of("openai/chat_request_tools.json", "translate/openai_to_anthropic_request.json",
                    "bedrock/openai_request_tools.json"),
            Dialect.ANTHROPIC, List.of("anthropic/messages_request_tools.json",
                    "translate/anthropic_to_openai_request.json"),
            Dialect.GEMINI, List.of("gemini/request_function_calling.json"),
            Dialect.BEDROCK, List.of("bedrock/converse_request_native.json", "bedrock/converse_request_tools.json"));
    private static final Map<Dialect, List<String>> RESPONSES = Map.of(
            Dialect.OPENAI, List.of("openai/chat_completion_text.json", "openai/chat_completion_tool_calls.json",
                    "translate/openai_response_from_anthropic_tool_use.json"),
            Dialect.ANTHROPIC, List.of("anthropic/message_text.json", "anthropic/message_tool_use.json",
                    "translate/anthropic_response_from_openai_tool_calls.json"),
            Dialect.GEMINI, List.of("gemini/response_text.json", "gemini/response_function_call.json",
                    "gemini/response_thinking_cached.json", "gemini/response_blocked.json"),
            Dialect.BEDROCK, List.of("bedrock/converse_response_text.json",
                    "bedrock/converse_response_tool_use.json"));
    private static final Map<Dialect, List<String>> STREAMS = Map.of(
            Dialect.OPENAI, List.of("openai/stream_text.sse", "openai/stream_tool_calls.sse",
                    "openai/stream_error.sse", "translate/openai_chunks_from_anthropic_tool_use.sse"),
            Dialect.ANTHROPIC, List.of("anthropic/stream_text.sse", "anthropic/stream_tool_use.sse",
                    "anthropic/stream_thinking.sse", "anthropic/stream_error.sse",
                    "anthropic/stream_server_tool_usage.sse",
                    "translate/anthropic_events_from_openai_tool_calls.sse"),
            Dialect.GEMINI, List.of("gemini/stream_text.sse", "gemini/stream_function_call.sse",
                    "gemini/stream_error.sse"),
            Dialect.BEDROCK, List.of("bedrock/stream_text.sse", "bedrock/stream_tool_use.sse"));

    @Property(tries = 200, maxDiscardRatio = 20)
    void shouldTranslateAClientRequestOrRefuseItAs400(@ForAll("clients") Dialect client,
                                                      @ForAll("upstreams") Dialect upstream,
                                                      @ForAll("picks") int pick,
                                                      @ForAll("mutations") List<JsonFuzz.Mutation> mutations) {
        JsonNode body = JsonFuzz.mutate(fixture(REQUESTS.get(client), pick), mutations);
        Assume.that(body instanceof ObjectNode object && passesTheRouteChecks(client, object));

        refusedAs(ErrorKind.INVALID_REQUEST, () -> Bridge.create(client, upstream, (ObjectNode) body, CONTEXT)
                .request());
    }

    @Property(tries = 150)
    void shouldTranslateANativeRequestOrRefuseItAs400(@ForAll("nativeRequests") JsonNode body,
                                                      @ForAll boolean stream) {
        Assume.that(body instanceof ObjectNode);
        ObjectNode request = (ObjectNode) body;

        refusedAs(ErrorKind.INVALID_REQUEST, () -> Json.bytes(GeminiToOpenAi.request(request.deepCopy(),
                "mock/echo", stream)));
        refusedAs(ErrorKind.INVALID_REQUEST, () -> Json.bytes(BedrockNative.request(request.deepCopy(),
                "mock/echo", stream, 4096)));
    }

    @Property(tries = 150)
    void shouldTranslateAnUpstreamBodyOrFailAs502(@ForAll("clients") Dialect client,
                                                  @ForAll("upstreams") Dialect upstream,
                                                  @ForAll("bodyKinds") int kind, @ForAll("bodies") byte[] random,
                                                  @ForAll("mutations") List<JsonFuzz.Mutation> mutations,
                                                  @ForAll("picks") int pick) {
        byte[] body = switch (kind) {
            case 0 -> random;
            default -> Json.bytes(JsonFuzz.mutate(fixture(RESPONSES.get(upstream), pick), mutations));
        };
        Bridge bridge = Bridge.create(client, upstream, Fixtures.json(REQUESTS.get(client).get(0)), CONTEXT);

        refusedAs(ErrorKind.UPSTREAM_ERROR, () -> {
            Bridge.Translated translated = bridge.response(body);
            assertNotNegative(translated.usage());
            return translated.body();
        });
    }

    @Property(tries = 150)
    void shouldTranslateAnUpstreamStreamOrFailAs502(@ForAll("clients") Dialect client,
                                                    @ForAll("upstreams") Dialect upstream, @ForAll("picks") int pick,
                                                    @ForAll("eventChanges") List<EventChange> changes) {
        List<SseEvent> events = new ArrayList<>(Fixtures.sse(path(STREAMS.get(upstream), pick)));
        changes.forEach(change -> change.apply(events));
        StreamTranslator translator = Bridge.create(client, upstream, Fixtures.json(REQUESTS.get(client).get(0)),
                CONTEXT).stream();

        refusedAs(ErrorKind.UPSTREAM_ERROR, () -> relay(translator, events));
        assertNotNegative(translator.usage());
    }

    @Property(tries = 150)
    void shouldTranslateTheGatewaysAnswerToANativeClientOrFailAs502(
            @ForAll("picks") int pick, @ForAll("mutations") List<JsonFuzz.Mutation> mutations,
            @ForAll("eventChanges") List<EventChange> changes) {
        JsonNode completion = JsonFuzz.mutate(fixture(RESPONSES.get(Dialect.OPENAI), pick), mutations);
        List<SseEvent> chunks = new ArrayList<>(Fixtures.sse(path(STREAMS.get(Dialect.OPENAI), pick)));
        changes.forEach(change -> change.apply(chunks));

        refusedAs(ErrorKind.UPSTREAM_ERROR, () -> Json.bytes(GeminiToOpenAi.response(completion, "m", "id").body()));
        refusedAs(ErrorKind.UPSTREAM_ERROR, () -> Json.bytes(BedrockNative.response(completion, 5)));
        refusedAs(ErrorKind.UPSTREAM_ERROR, () -> relay(GeminiToOpenAi.stream("m", "id"), chunks));
        refusedAs(ErrorKind.UPSTREAM_ERROR, () -> relay(BedrockNative.stream("m", Clock.systemUTC()), chunks)
                .stream().map(EventStreams::encode).toList());
    }

    @Property(tries = 150)
    void shouldReplayAnyCachedAnswerAndAssembleAnyStreamWithoutFailing(
            @ForAll("clients") Dialect dialect, @ForAll("picks") int pick,
            @ForAll("mutations") List<JsonFuzz.Mutation> mutations, @ForAll("eventChanges") List<EventChange> changes) {
        JsonNode whole = JsonFuzz.mutate(fixture(RESPONSES.get(dialect), pick), mutations);
        List<SseEvent> stream = new ArrayList<>(Fixtures.sse(path(STREAMS.get(dialect), pick)));
        changes.forEach(change -> change.apply(stream));
        ReplayOptions options = new ReplayOptions("chatcmpl-1", 1_700_000_000L, true);

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            if (Replay.replayable(dialect, whole)) {
                assertThat(Replay.events(dialect, whole, options)).isNotEmpty();
                assertThat(Replay.whole(dialect, whole, options).path("id").asText()).isEqualTo("chatcmpl-1");
            }
            assertThat(Replay.assemble(dialect, stream)).isNotNull();
        });
    }

    @Property(tries = 150)
    void shouldReadAnyUpstreamErrorBodyIntoAnError(@ForAll("errorStatuses") int status,
                                                   @ForAll("bodies") byte[] body, @ForAll("dialects") Dialect dialect) {
        List<GatewayException> errors = List.of(UpstreamErrors.parse(status, body, dialect),
                GeminiErrors.parse(status, body),
                BedrockConverse.error(status, new String(body, StandardCharsets.ISO_8859_1), body));

        for (GatewayException error : errors) {
            assertThat(error.kind()).isEqualTo(ErrorKind.UPSTREAM_ERROR);
            assertThat(error.status()).isEqualTo(status);
            assertThat(error.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<Dialect> clients() {
        return Arbitraries.of(CLIENTS);
    }

    @Provide
    Arbitrary<Dialect> upstreams() {
        return Arbitraries.of(Dialect.class);
    }

    @Provide
    Arbitrary<Dialect> dialects() {
        return Arbitraries.of(Dialect.class);
    }

    @Provide
    Arbitrary<List<JsonFuzz.Mutation>> mutations() {
        return JsonFuzz.mutations();
    }

    @Provide
    Arbitrary<JsonNode> nativeRequests() {
        List<JsonNode> seeds = new ArrayList<>();
        for (Dialect dialect : List.of(Dialect.GEMINI, Dialect.BEDROCK)) {
            REQUESTS.get(dialect).forEach(path -> seeds.add(Fixtures.json(path)));
        }
        return Arbitraries.oneOf(JsonFuzz.mutants(seeds), JsonFuzz.objects().map(JsonNode.class::cast));
    }

    @Provide
    Arbitrary<Integer> bodyKinds() {
        return Arbitraries.integers().between(0, 3);
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<byte[]> json = JsonFuzz.values().map(Json::bytes);
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        return Arbitraries.oneOf(json, raw, Arbitraries.just(new byte[0]));
    }

    @Provide
    Arbitrary<Integer> picks() {
        return Arbitraries.integers().between(0, 100);
    }

    @Provide
    Arbitrary<Integer> errorStatuses() {
        return Arbitraries.integers().between(400, 599);
    }

    @Provide
    Arbitrary<List<EventChange>> eventChanges() {
        Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.of("", "error", "message_start",
                "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop",
                "ping", "messageStart", "contentBlockStart", "contentBlockDelta", "contentBlockStop", "messageStop",
                "metadata", "throttlingException", "internalServerException"), Arbitraries.strings().ofMaxLength(8));
        Arbitrary<String> data = Arbitraries.oneOf(JsonFuzz.values().map(Json::string),
                Arbitraries.of("", "[DONE]", "{", "not json", "null", "{}", "[1]", "[{\"a\":1}]"));
        return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().greaterOrEqual(0),
                names, data, JsonFuzz.mutations()).as(EventChange::new).list().ofMaxSize(4);
    }

    /**
     * A change to an event stream: {@code kind} 0 mutates an event's JSON data, 1 drops an event, 2 duplicates
     * one, 3 renames one, 4 inserts a random event; {@code at} picks the event.
     */
    record EventChange(int kind, int at, String name, String data, List<JsonFuzz.Mutation> mutations) {

        void apply(List<SseEvent> events) {
            if (events.isEmpty() || kind == 4) {
                events.add(events.isEmpty() ? 0 : at % (events.size() + 1), SseEvent.named(name, data));
                return;
            }
            int index = at % events.size();
            SseEvent event = events.get(index);
            switch (kind) {
                case 0 -> {
                    JsonNode tree = io.tollgate.adapters.translate.Json.parseLenient(event.data());
                    if (!tree.isMissingNode()) {
                        events.set(index, SseEvent.named(event.event(), Json.string(JsonFuzz.mutate(tree,
                                mutations))));
                    }
                }
                case 1 -> events.remove(index);
                case 2 -> events.add(index, event);
                default -> events.set(index, SseEvent.named(name, event.data()));
            }
        }
    }

    /** Every event through the translator and its end, as the gateway's relay does; the client's events. */
    private static List<SseEvent> relay(StreamTranslator translator, List<SseEvent> events) {
        List<SseEvent> out = new ArrayList<>();
        for (SseEvent event : events) {
            out.addAll(translator.onEvent(event));
        }
        out.addAll(translator.onEnd());
        out.forEach(event -> assertThat(event.data()).isNotNull());
        return out;
    }

    /** Runs the action (in a time limit); a failure must be a {@link GatewayException} of this kind. */
    private static void refusedAs(ErrorKind kind, java.util.concurrent.Callable<?> action) {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try {
                action.call();
            } catch (GatewayException e) {
                assertThat(e.kind()).as("%s", e).isEqualTo(kind);
                assertThat(e.getMessage()).isNotBlank();
            }
            return null;
        });
    }

    private static void assertNotNegative(Usage usage) {
        assertThat(usage.promptTokens()).isNotNegative();
        assertThat(usage.completionTokens()).isNotNegative();
    }

    /** The shape checks the gateway's routes make before any translation: a non-empty list of messages. */
    private static boolean passesTheRouteChecks(Dialect client, ObjectNode body) {
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            return false;
        }
        for (JsonNode message : messages) {
            if (!message.isObject() || !message.path("role").isTextual()) {
                return false;
            }
        }
        JsonNode max = body.path("max_tokens");
        return client != Dialect.ANTHROPIC || max.isIntegralNumber() && max.canConvertToLong() && max.asLong() > 0;
    }

    private static JsonNode fixture(List<String> paths, int pick) {
        return Fixtures.json(path(paths, pick));
    }

    private static String path(List<String> paths, int pick) {
        return paths.get(pick % paths.size());
    }
}
