package io.tollgate.node.providers.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.node.testing.FakeUpstream;
import io.tollgate.node.testing.FakeUpstream.Recorded;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.MutableClock;
import io.tollgate.node.testing.NodeHarness;
import io.tollgate.node.testing.SseText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every upstream adapter must do, run through a node against a fake of the provider that answers in its
 * documented formats: chat, stream, tools, images, errors, and usage priced to the nano-dollar, each through the
 * gateway's OpenAI route, chat and stream through its Anthropic route too. One node and one fake per subclass, shared
 * by its tests; each test scripts the fake before its call.
 *
 * <p>A subclass says how its provider is configured, what its fake answers and what the provider must have received.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ProviderContract {

    static final String KEY = "tg-contract-key-0000000001";
    static final String PROVIDER = "up";
    /** The base64 data of the image the images test sends ({@code data:image/png;base64,...}). */
    static final String PNG_BASE64 = "iVBORw0KGgo=";

    private static final String TOOLS = """
            [{"type":"function","function":{"name":"get_weather","description":"Current weather",
              "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]""";

    protected final FakeUpstream upstream = FakeUpstream.start();
    private final MutableClock clock = MutableClock.at(Instant.now());
    private NodeHarness node;

    /** What the fake is scripted to answer. */
    enum Answer {
        /** A plain text answer. */
        TEXT,
        /** An answer calling a tool. */
        TOOL_CALL,
        /** An answer whose usage has cached input, cache writes and reasoning as far as the provider reports them. */
        GOLDEN
    }

    /** A tool call as an OpenAI client must see it. */
    record ToolCall(String name, String argumentsJson) {
    }

    /** The provider entry's own fields (type, base URL at {@code upstreamUrl}, keys...) as YAML flow-map content. */
    protected abstract String providerFields(String upstreamUrl);

    /** The model as the provider names it. */
    protected abstract String model();

    /** The path the provider is called on. */
    protected abstract String path(boolean stream);

    /** The provider's answer, whole or streamed. */
    protected abstract Reply reply(Answer answer, boolean stream);

    /** The provider's documented error answer with this status (400 or 429). */
    protected abstract Reply error(int status);

    /** A part of the provider's error message for this status, which the client must see. */
    protected abstract String errorText(int status);

    /** The text of the {@link Answer#TEXT} answer. */
    protected abstract String text(boolean stream);

    /** The first tool call of the {@link Answer#TOOL_CALL} answer. */
    protected abstract ToolCall toolCall();

    /** The usage of the {@link Answer#GOLDEN} answer in billing buckets, as its documented fields say. */
    protected abstract Golden.Tokens golden(boolean stream);

    /** Checks what the provider received for a user message "Hi": path, credentials, body. */
    protected abstract void assertChatRequest(Recorded sent, JsonNode body);

    /** Checks what the provider received for a streamed chat; nothing beyond the path unless overridden. */
    protected void assertStreamRequest(Recorded sent, JsonNode body) {
    }

    /** Checks the provider's declaration of the {@code get_weather(city)} tool. */
    protected abstract void assertToolDeclaration(JsonNode body);

    /** Checks the provider's shape of the second part of the first message: a PNG of {@link #PNG_BASE64}. */
    protected abstract void assertImage(JsonNode body);

    @BeforeAll
    void start() {
        node = NodeHarness.start("""
                server: { host: 127.0.0.1, port: 0 }
                providers:
                  %1$s: { %2$s, retries: { max: 0 },
                          circuit_breaker: { consecutive_failures: 1000, error_rate_percent: 100, window: 56 } }
                pricing:
                  "%1$s/%3$s": %4$s
                governance:
                  virtual_keys: [ { name: app, value: %5$s } ]
                logging: { enabled: true }
                """.formatted(PROVIDER, providerFields(upstream.url()), model(), Golden.pricing(), KEY),
                Map.of(), clock);
    }

    @AfterAll
    void stop() {
        node.close();
        upstream.close();
    }

    @Test
    void shouldAnswerAChatSentInTheProvidersShape() {
        script(Answer.TEXT, false);
        HttpResponse<String> response = openAi(false, "\"Hi\"", "");

        JsonNode body = ok(response);
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo(text(false));
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        Recorded sent = upstream.last();
        assertThat(sent.path()).isEqualTo(path(false));
        assertChatRequest(sent, SseText.parse(sent.body()));
    }

    @Test
    void shouldStreamOpenAiChunksEndingInDone() {
        script(Answer.TEXT, true);
        Streamed response = stream("/v1/chat/completions", openAiBody(true, "\"Hi\"", ""), "authorization",
                "Bearer " + KEY);

        List<String> data = SseText.dataLines(response.text());
        assertThat(data).as(response.text()).isNotEmpty().last().isEqualTo("[DONE]");
        StringBuilder text = new StringBuilder();
        for (String chunk : data.subList(0, data.size() - 1)) {
            JsonNode json = SseText.parse(chunk);
            assertThat(json.path("object").asText()).as(chunk).isEqualTo("chat.completion.chunk");
            text.append(json.at("/choices/0/delta/content").asText(""));
        }
        assertThat(text.toString()).isEqualTo(text(true));
        Recorded sent = upstream.last();
        assertThat(sent.path()).isEqualTo(path(true));
        assertStreamRequest(sent, SseText.parse(sent.body()));
    }

    @Test
    void shouldAnswerAnAnthropicClient() {
        script(Answer.TEXT, false);
        HttpResponse<String> response = node.post("/anthropic/v1/messages", anthropicBody(false), "x-api-key", KEY,
                "anthropic-version", "2023-06-01");

        JsonNode body = ok(response);
        assertThat(body.path("type").asText()).isEqualTo("message");
        StringBuilder text = new StringBuilder();
        body.path("content").forEach(block -> text.append(block.path("text").asText("")));
        assertThat(text.toString()).isEqualTo(text(false));
        assertThat(body.path("stop_reason").asText()).isEqualTo("end_turn");
    }

    @Test
    void shouldStreamAnthropicEventsToAnAnthropicClient() {
        script(Answer.TEXT, true);
        Streamed response = stream("/anthropic/v1/messages", anthropicBody(true), "x-api-key", KEY,
                "anthropic-version", "2023-06-01");

        List<String> names = SseText.eventNames(response.text());
        assertThat(names).as(response.text()).startsWith("message_start").endsWith("message_stop")
                .contains("content_block_start", "content_block_delta", "message_delta");
        StringBuilder text = new StringBuilder();
        for (String data : SseText.dataLines(response.text())) {
            JsonNode event = SseText.parse(data);
            if (event.at("/delta/type").asText().equals("text_delta")) {
                text.append(event.at("/delta/text").asText());
            }
        }
        assertThat(text.toString()).isEqualTo(text(true));
    }

    @Test
    void shouldDeclareToolsAndReturnToolCalls() {
        script(Answer.TOOL_CALL, false);
        HttpResponse<String> response = openAi(false, "\"Weather in Paris?\"", ",\"tools\":" + TOOLS);

        JsonNode body = ok(response);
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        JsonNode call = body.at("/choices/0/message/tool_calls/0");
        assertThat(call.path("id").asText()).as(body.toString()).isNotBlank();
        assertThat(call.path("type").asText()).isEqualTo("function");
        assertThat(call.at("/function/name").asText()).isEqualTo(toolCall().name());
        assertThat(SseText.parse(call.at("/function/arguments").asText()))
                .isEqualTo(SseText.parse(toolCall().argumentsJson()));
        assertToolDeclaration(SseText.parse(upstream.last().body()));
    }

    @Test
    void shouldSendAnImageInTheProvidersShape() {
        script(Answer.TEXT, false);
        HttpResponse<String> response = openAi(false, "[{\"type\":\"text\",\"text\":\"What is this?\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64," + PNG_BASE64 + "\"}}]", "");

        ok(response);
        assertImage(SseText.parse(upstream.last().body()));
    }

    @Test
    void shouldRelayABadRequestAsAnOpenAiError() {
        upstream.on(path(false), error(400));
        HttpResponse<String> response = openAi(false, "\"Hi\"", "");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(SseText.parse(response.body()).at("/error/message").asText()).contains(errorText(400));
    }

    @Test
    void shouldRelayARateLimitAndServeTheNextRequestOnceTheKeyCooledDown() {
        upstream.on(path(false), error(429));
        HttpResponse<String> limited = openAi(false, "\"Hi\"", "");
        clock.advance(Duration.ofMinutes(10));   // past any retry-after the provider gave: the key is usable again

        assertThat(limited.statusCode()).as(limited.body()).isEqualTo(429);
        JsonNode error = SseText.parse(limited.body()).path("error");
        assertThat(error.path("message").asText()).contains(errorText(429));
        script(Answer.TEXT, false);
        assertThat(ok(openAi(false, "\"Hi\"", "")).at("/choices/0/message/content").asText()).isEqualTo(text(false));
    }

    @Test
    void shouldCostAWholeAnswerItsUsageAtTheConfiguredRates() {
        script(Answer.GOLDEN, false);
        HttpResponse<String> response = openAi(false, "\"Hi\"", "");

        ok(response);
        assertThat(costNanos(response.headers())).isEqualTo(golden(false).costNanos());
    }

    @Test
    void shouldCostAStreamedAnswerItsUsageAtTheConfiguredRates() {
        script(Answer.GOLDEN, true);
        Streamed response = stream("/v1/chat/completions", openAiBody(true, "\"Hi\"", ""), "authorization",
                "Bearer " + KEY);

        assertThat(SseText.dataLines(response.text())).as(response.text()).last().isEqualTo("[DONE]");
        assertThat(costNanos(response.headers())).isEqualTo(golden(true).costNanos());
    }

    /** Scripts the fake's answer on the path of a whole or a streamed call. */
    protected final void script(Answer answer, boolean stream) {
        upstream.on(path(stream), reply(answer, stream));
    }

    /** The model as clients name it through the gateway. */
    protected final String clientModel() {
        return PROVIDER + "/" + model();
    }

    /** Sends an OpenAI chat with one user message of this content (JSON) and extra top-level fields. */
    protected final HttpResponse<String> openAi(boolean stream, String content, String extra) {
        return node.post("/v1/chat/completions", openAiBody(stream, content, extra), "authorization", "Bearer " + KEY);
    }

    private String openAiBody(boolean stream, String content, String extra) {
        return "{\"model\":\"" + clientModel() + "\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\","
                + "\"content\":" + content + "}]" + extra + "}";
    }

    private String anthropicBody(boolean stream) {
        return "{\"model\":\"" + clientModel() + "\",\"max_tokens\":100,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    }

    /** The body of a 200 answer. */
    protected static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return SseText.parse(response.body());
    }

    private Streamed stream(String path, String body, String... headers) {
        HttpResponse<InputStream> response = node.postStreaming(path, body, headers);
        try (InputStream in = response.body()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response.statusCode()).as(text).isEqualTo(200);
            return new Streamed(response.headers(), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The request's cost in nano-dollars, from its request-log row (a stream's is known only at its end). */
    protected final long costNanos(HttpHeaders headers) {
        String id = headers.firstValue("x-request-id").orElseThrow();
        node.node().cluster().requestLog().flush();
        return node.node().cluster().requestLog().find(id).orElseThrow(() -> new AssertionError("no log row for " + id))
                .costNanos();
    }

    private record Streamed(HttpHeaders headers, String text) {
    }
}
