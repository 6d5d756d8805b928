package io.tollgate.adapters.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.Operation;
import io.tollgate.adapters.spi.ProviderAdapter;
import io.tollgate.adapters.spi.UpstreamResponse;
import io.tollgate.config.MockOptions;
import io.tollgate.config.ProviderConfig;
import io.tollgate.config.ProviderKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The built-in offline provider. It speaks the OpenAI dialect in process: chat completions (plain, streamed, tool
 * calls when the request forces a tool), legacy completions and embeddings, with deterministic replies and
 * realistic usage. {@link MockOptions} add latency, pauses between stream chunks and injected failures (every Nth
 * request, or every request on a named key). Thread-safe.
 */
public final class MockAdapter implements ProviderAdapter {

    private final ProviderConfig config;
    private final MockOptions options;
    private final Clock clock;
    private final AtomicLong requests = new AtomicLong();

    private MockAdapter(ProviderConfig config, Clock clock) {
        this.config = config;
        this.options = config.mock();
        this.clock = clock;
    }

    /** A mock for this provider entry; {@code clock} stamps the {@code created} fields. */
    public static MockAdapter create(ProviderConfig config, Clock clock) {
        return new MockAdapter(config, clock);
    }

    @Override
    public ProviderConfig config() {
        return config;
    }

    @Override
    public Dialect dialect() {
        return Dialect.OPENAI;
    }

    /** Responses requests reach the mock translated to chat. */
    @Override
    public boolean supports(Operation operation) {
        return operation != Operation.RESPONSES && !operation.audioUpload();
    }

    @Override
    public UpstreamResponse send(Operation operation, String model, ProviderKey key, byte[] body,
                                 Map<String, String> passHeaders) {
        long n = requests.incrementAndGet();
        sleep(options.latencyMs());
        int failure = options.keyFailStatus().getOrDefault(key.name(), 0);
        if (failure == 0 && options.failStatus() != 0 && n % options.failEvery() == 0) {
            failure = options.failStatus();
        }
        if (failure != 0) {
            return failure(failure, key);
        }
        ObjectNode request = Json.parseObject(body);
        String id = "mock-" + n;
        return switch (operation) {
            case RESPONSES -> throw GatewayException.of(ErrorKind.INVALID_REQUEST,
                    "the mock answers Responses requests translated to chat");
            case EMBEDDINGS -> json(embeddings(request, model));
            case COUNT_TOKENS, MODERATIONS, IMAGES, SPEECH, TRANSCRIPTION, TRANSLATION, BATCH, RESOURCE ->
                    throw io.tollgate.adapters.GatewayException.of(
                    io.tollgate.adapters.ErrorKind.INVALID_REQUEST, "The mock provider does not offer "
                            + operation.name().toLowerCase(java.util.Locale.ROOT) + ".");
            case CHAT, COMPLETIONS -> request.path("stream").asBoolean(false)
                    ? MockResponse.of(200, Map.of("content-type", "text/event-stream"),
                            MockStreams.chunks(operation, request, model, id, created()), options.chunkDelayMs())
                    : json(completion(operation, request, model, id));
        };
    }

    private ObjectNode completion(Operation operation, ObjectNode request, String model, String id) {
        boolean chat = operation == Operation.CHAT;
        ObjectNode out = Json.object();
        out.put("id", (chat ? "chatcmpl-" : "cmpl-") + id);
        out.put("object", chat ? "chat.completion" : "text_completion");
        out.put("created", created());
        out.put("model", model);
        int choices = MockReplies.choices(request);
        List<String> words = MockReplies.replyWords(request);
        int max = MockReplies.maxWords(request);
        List<String> reply = words.size() > max ? words.subList(0, max) : words;
        String finish = words.size() > max ? "length" : "stop";
        String tool = chat ? MockReplies.forcedTool(request) : "";
        ArrayNode array = out.putArray("choices");
        for (int i = 0; i < choices; i++) {
            ObjectNode choice = array.addObject();
            choice.put("index", i);
            if (!chat) {
                choice.put("text", String.join(" ", reply));
                choice.putNull("logprobs");
                choice.put("finish_reason", finish);
                continue;
            }
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            if (tool.isEmpty()) {
                message.put("content", String.join(" ", reply));
                choice.put("finish_reason", finish);
            } else {
                message.putNull("content");
                message.set("tool_calls", MockReplies.toolCalls(tool, "call_" + id + "_" + i));
                choice.put("finish_reason", "tool_calls");
            }
            message.putNull("refusal");
            choice.putNull("logprobs");
        }
        long completionTokens = (tool.isEmpty() ? reply.size() : 4L) * choices;
        out.set("usage", MockReplies.usage(MockReplies.promptTokens(request), completionTokens));
        out.put("system_fingerprint", "tollgate-mock");
        return out;
    }

    private ObjectNode embeddings(ObjectNode request, String model) {
        List<String> inputs = new ArrayList<>();
        JsonNode input = request.path("input");
        if (input.isArray()) {
            input.forEach(item -> inputs.add(item.isTextual() ? item.asText() : item.toString()));
        } else {
            inputs.add(input.asText());
        }
        int dimensions = Math.clamp(request.path("dimensions").asInt(16), 1, MockReplies.MAX_DIMENSIONS);
        ObjectNode out = Json.object();
        out.put("object", "list");
        ArrayNode data = out.putArray("data");
        long tokens = 0;
        for (int i = 0; i < inputs.size(); i++) {
            ObjectNode item = data.addObject();
            item.put("object", "embedding");
            item.put("index", i);
            item.set("embedding", MockReplies.embedding(inputs.get(i), dimensions));
            tokens += (inputs.get(i).length() + 3) / 4 + 1;
        }
        out.put("model", model);
        out.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        return out;
    }

    private UpstreamResponse failure(int status, ProviderKey key) {
        String type = switch (status) {
            case 401 -> "invalid_request_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
        ObjectNode body = Json.object();
        ObjectNode error = body.putObject("error");
        error.put("message", "Mock failure injected for key '" + key.name() + "' (HTTP " + status + ").");
        error.put("type", type);
        error.putNull("param");
        error.put("code", status == 429 ? "rate_limit_exceeded" : "mock_failure");
        Map<String, String> headers = status == 429
                ? Map.of("content-type", "application/json", "retry-after", "1")
                : Map.of("content-type", "application/json");
        return MockResponse.of(status, headers, List.of(Json.string(body)), 0);
    }

    private static UpstreamResponse json(ObjectNode body) {
        return MockResponse.of(200, Map.of("content-type", "application/json"), List.of(Json.string(body)), 0);
    }

    private long created() {
        return clock.instant().getEpochSecond();
    }

    private static void sleep(long ms) {
        if (ms <= 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
