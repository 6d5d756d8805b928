package io.tollgate.node.http;

import static io.tollgate.node.testing.NodeHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseUsage;
import io.tollgate.node.testing.FakeUpstream;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.Fixtures;
import io.tollgate.node.testing.NodeHarness;
import io.tollgate.node.testing.SseText;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The official OpenAI Java SDK's Responses client, whole and streamed, through a node: natively to an OpenAI-type
 * provider and translated to an Anthropic one, with the usage the client sees and the cost the request log keeps;
 * a budget that cannot pay refuses the route in OpenAI's error shape.
 */
@Timeout(120)
class ResponsesIT {

    private static final String SDK_KEY = "tg-resp-00000000000000001";
    private static final String POOR_KEY = "tg-poor-00000000000000001";
    private static final String SMALL_KEY = "tg-small-0000000000000001";
    private static final String PROMPT = "one two three four five six seven eight nine ten eleven twelve";

    /** A Response as OpenAI documents it, with cached and reasoning tokens. */
    private static final String OPENAI_RESPONSE = """
            {"id":"resp_up1","object":"response","created_at":1700000000,"status":"completed","error":null,
             "incomplete_details":null,"instructions":null,"max_output_tokens":null,"model":"gpt-test-2025-01-01",
             "output":[{"type":"message","id":"msg_up1","status":"completed","role":"assistant",
                        "content":[{"type":"output_text","text":"Hello from upstream","annotations":[]}]}],
             "parallel_tool_calls":true,"previous_response_id":null,"store":true,"temperature":1.0,
             "text":{"format":{"type":"text"}},"tool_choice":"auto","tools":[],"top_p":1.0,"truncation":"disabled",
             "usage":{"input_tokens":1000,"input_tokens_details":{"cached_tokens":400},"output_tokens":300,
                      "output_tokens_details":{"reasoning_tokens":100},"total_tokens":1300},
             "metadata":{}}""";

    private static FakeUpstream upstream;
    private static NodeHarness node;
    private static OpenAIClient openai;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
        node = NodeHarness.start("""
                server: { host: 127.0.0.1, port: 0 }
                providers:
                  mock: { type: mock }
                  fake:
                    type: openai
                    base_url: %1$s/v1
                    keys: [ { name: k1, value: %2$s } ]
                    retries: { max: 0 }
                  claude:
                    type: anthropic
                    base_url: %1$s
                    keys: [ { name: main, value: %3$s } ]
                    retries: { max: 0 }
                pricing:
                  mock/echo: { input: 1000, output: 1000 }
                  fake/gpt-test: { input: "1.00", output: "2.00", cached_input: "0.50", reasoning: "2.00" }
                  claude/claude-test: { input: 3, output: 15, cached_input: 0.30, cache_write: 3.75 }
                governance:
                  default_output_tokens: 4
                  virtual_keys:
                    - { name: sdk, value: %4$s, budgets: [ { max_limit: 100, reset_duration: 1d } ] }
                    - { name: poor, value: %5$s, budgets: [ { max_limit: 0.000001, reset_duration: 1d } ] }
                    - { name: small, value: %6$s, budgets: [ { max_limit: 0.12, reset_duration: 1d } ] }
                """.formatted(upstream.url(), Fixtures.OPENAI_SECRET, Fixtures.ANTHROPIC_SECRET, SDK_KEY, POOR_KEY,
                SMALL_KEY));
        openai = OpenAIOkHttpClient.builder().baseUrl(node.url() + "/v1").apiKey(SDK_KEY).maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        openai.close();
        node.close();
        upstream.close();
    }

    @Test
    void shouldAnswerTheSdkNativelyFromAnOpenAiTypeProviderAndLogTheCost() {
        upstream.on("/v1/responses", Reply.json(200, OPENAI_RESPONSE));
        HttpResponseFor<Response> raw = openai.responses().withRawResponse().create(ResponseCreateParams.builder()
                .model("fake/gpt-test").input("Hi").instructions("Be brief").maxOutputTokens(500).build());
        Response response = raw.parse();

        assertThat(text(response)).isEqualTo("Hello from upstream");
        ResponseUsage usage = response.usage().orElseThrow();
        assertThat(usage.inputTokens()).isEqualTo(1000);
        assertThat(usage.inputTokensDetails().cachedTokens()).isEqualTo(400);
        assertThat(usage.outputTokensDetails().reasoningTokens()).isEqualTo(100);
        JsonNode sent = tree(upstream.last().body());
        assertThat(upstream.last().path()).isEqualTo("/v1/responses");
        assertThat(sent.path("model").asText()).isEqualTo("gpt-test");
        assertThat(sent.path("input").asText()).isEqualTo("Hi");
        assertThat(upstream.last().headers().get("authorization")).isEqualTo("Bearer " + Fixtures.OPENAI_SECRET);
        // 600 plain input at $1/M, 400 cached at $0.50/M, 200 output and 100 reasoning at $2/M
        assertThat(loggedCost(raw.headers().values("x-request-id"))).isEqualByComparingTo("0.0014");
    }

    @Test
    void shouldStreamToTheSdkNativelyFromAnOpenAiTypeProviderAndLogTheCost() {
        upstream.on("/v1/responses", Reply.sse(List.of(
                event("response.created", "{\"type\":\"response.created\",\"sequence_number\":0,\"response\":"
                        + "{\"id\":\"resp_up2\",\"object\":\"response\",\"status\":\"in_progress\",\"output\":[]}}"),
                event("response.output_text.delta", "{\"type\":\"response.output_text.delta\",\"sequence_number\":1,"
                        + "\"item_id\":\"msg_up2\",\"output_index\":0,\"content_index\":0,\"delta\":\"Hel\"}"),
                event("response.output_text.delta", "{\"type\":\"response.output_text.delta\",\"sequence_number\":2,"
                        + "\"item_id\":\"msg_up2\",\"output_index\":0,\"content_index\":0,\"delta\":\"lo\"}"),
                event("response.completed", "{\"type\":\"response.completed\",\"sequence_number\":3,\"response\":"
                        + "{\"id\":\"resp_up2\",\"object\":\"response\",\"status\":\"completed\",\"output\":[],"
                        + "\"usage\":{\"input_tokens\":20,\"input_tokens_details\":{\"cached_tokens\":0},"
                        + "\"output_tokens\":2,\"output_tokens_details\":{\"reasoning_tokens\":0},"
                        + "\"total_tokens\":22}}}"))));
        Streamed streamed = stream("fake/gpt-test");

        assertThat(streamed.text()).isEqualTo("Hello");
        assertThat(streamed.usage().inputTokens()).isEqualTo(20);
        assertThat(streamed.usage().outputTokens()).isEqualTo(2);
        assertThat(tree(upstream.last().body()).path("stream").asBoolean()).isTrue();
        assertThat(loggedCost(streamed.requestId())).isEqualByComparingTo("0.000024");   // 20 × $1/M + 2 × $2/M
    }

    @Test
    void shouldTranslateForTheSdkToAnAnthropicProviderAndLogTheCost() {
        upstream.on("/v1/messages", Reply.json(200, Fixtures.ANTHROPIC_MESSAGE));
        HttpResponseFor<Response> raw = openai.responses().withRawResponse().create(ResponseCreateParams.builder()
                .model("claude/claude-test").input("Hi").instructions("Be brief").maxOutputTokens(300).build());
        Response response = raw.parse();

        assertThat(response.id()).startsWith("resp_");
        assertThat(text(response)).isEqualTo("Hello from Claude");
        ResponseUsage usage = response.usage().orElseThrow();
        assertThat(usage.inputTokens()).isEqualTo(1300);   // plain 100 + cache reads 1000 + cache writes 200
        assertThat(usage.inputTokensDetails().cachedTokens()).isEqualTo(1000);
        assertThat(usage.outputTokens()).isEqualTo(50);
        JsonNode sent = tree(upstream.last().body());
        assertThat(upstream.last().path()).isEqualTo("/v1/messages");
        assertThat(sent.path("model").asText()).isEqualTo("claude-test");
        assertThat(sent.path("max_tokens").asLong()).isEqualTo(300);
        assertThat(sent.path("system").toString()).contains("Be brief");
        assertThat(sent.at("/messages/0/content").toString()).contains("Hi");
        // 100 × $3/M + 1000 × $0.30/M + 200 × $3.75/M + 50 × $15/M
        assertThat(loggedCost(raw.headers().values("x-request-id"))).isEqualByComparingTo("0.0021");
    }

    @Test
    void shouldStreamForTheSdkFromAnAnthropicProviderAndLogTheCost() {
        upstream.on("/v1/messages", Reply.sse(Fixtures.ANTHROPIC_STREAM));
        Streamed streamed = stream("claude/claude-test");

        assertThat(streamed.text()).isEqualTo("Hello");
        assertThat(streamed.types()).startsWith("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta")
                .endsWith("response.output_text.done", "response.content_part.done", "response.output_item.done",
                        "response.completed");
        assertThat(streamed.usage().inputTokens()).isEqualTo(25);
        assertThat(streamed.usage().outputTokens()).isEqualTo(15);
        assertThat(loggedCost(streamed.requestId())).isEqualByComparingTo("0.0003");   // 25 × $3/M + 15 × $15/M
    }

    @Test
    void shouldTranslateAnAnthropicToolUseIntoAFunctionCallItem() {
        upstream.on("/v1/messages", Reply.json(200, """
                {"id":"msg_02","type":"message","role":"assistant","model":"claude-test",
                 "content":[{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}],
                 "stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":40,"output_tokens":12}}"""));
        Response response = openai.responses().create(ResponseCreateParams.builder().model("claude/claude-test")
                .input("Weather in Paris?").maxOutputTokens(200).addTool(FunctionTool.builder().name("get_weather")
                        .parameters(FunctionTool.Parameters.builder()
                                .putAdditionalProperty("type", com.openai.core.JsonValue.from("object")).build())
                        .strict(false).build()).build());

        ResponseFunctionToolCall call = response.output().stream().flatMap(item -> item.functionCall().stream())
                .findFirst().orElseThrow();
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call.callId()).isEqualTo("toolu_1");
        assertThat(tree(call.arguments()).path("city").asText()).isEqualTo("Paris");
        assertThat(tree(upstream.last().body()).at("/tools/0/name").asText()).isEqualTo("get_weather");
    }

    @Test
    void shouldRefuseTheRouteWhenTheBudgetCannotPayInOpenAisErrorShape() {
        int calls = upstream.requests().size();
        HttpResponse<String> refused = node.post("/v1/responses",
                "{\"model\":\"fake/gpt-test\",\"input\":\"Hi\",\"max_output_tokens\":1000}",
                "authorization", "Bearer " + POOR_KEY);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(402);
        JsonNode error = json(refused).path("error");
        assertThat(error.path("type").asText()).isEqualTo("insufficient_quota");
        assertThat(error.path("code").asText()).isEqualTo("budget_exceeded");
        assertThat(error.path("message").asText()).contains("poor");
        assertThat(upstream.requests()).hasSize(calls);
    }

    @Test
    void shouldEndAResponsesStreamWithAnErrorEventWhenTheBudgetCannotPayForMore() {
        HttpResponse<String> response = node.post("/v1/responses", "{\"model\":\"mock/echo\",\"stream\":true,"
                + "\"input\":\"" + PROMPT + "\"}", "authorization", "Bearer " + SMALL_KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> names = SseText.eventNames(response.body());
        assertThat(names).startsWith("response.created", "response.in_progress").contains("response.output_text.delta")
                .doesNotContain("response.completed").last().isEqualTo("error");
        List<String> data = SseText.dataLines(response.body());
        JsonNode error = SseText.parse(data.get(data.size() - 1));
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.path("code").asText()).isEqualTo("budget_exceeded");
        assertThat(error.path("message").asText()).contains("virtual key 'small'");
        BigDecimal cost = loggedCost(response.headers().allValues("x-request-id"));
        assertThat(cost).isPositive().isLessThanOrEqualTo(new BigDecimal("0.12"));
    }

    @Test
    void shouldAnswerTheMockThroughChatAndRefuseABadBodyInOpenAisShape() {
        HttpResponse<String> answered = node.post("/v1/responses", "{\"model\":\"mock/echo\",\"input\":\"Hello\"}",
                "authorization", "Bearer " + SDK_KEY);
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        assertThat(json(answered).at("/output/0/content/0/text").asText()).isEqualTo("Mock reply to: Hello");

        HttpResponse<String> refused = node.post("/v1/responses", "{\"model\":\"mock/echo\",\"input\":42}",
                "authorization", "Bearer " + SDK_KEY);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).path("error").path("param").asText()).isEqualTo("input");
        assertThat(json(refused).path("error").path("type").asText()).isEqualTo("invalid_request_error");
    }

    private record Streamed(String text, List<String> types, ResponseUsage usage, List<String> requestId) {
    }

    private static Streamed stream(String model) {
        StringBuilder text = new StringBuilder();
        List<String> types = new ArrayList<>();
        ResponseUsage[] usage = new ResponseUsage[1];
        HttpResponseFor<StreamResponse<ResponseStreamEvent>> raw = openai.responses().withRawResponse()
                .createStreaming(ResponseCreateParams.builder().model(model).input("Hi").maxOutputTokens(100).build());
        try (StreamResponse<ResponseStreamEvent> stream = raw.parse()) {
            stream.stream().forEach(event -> {
                event.outputTextDelta().ifPresent(delta -> text.append(delta.delta()));
                event.completed().ifPresent(done -> usage[0] = done.response().usage().orElseThrow());
                types.add(type(event));
            });
        }
        assertThat(usage[0]).as("a response.completed event with usage").isNotNull();
        return new Streamed(text.toString(), types, usage[0], raw.headers().values("x-request-id"));
    }

    /** The type of the events the assertions look at; "other" for the rest. */
    private static String type(ResponseStreamEvent event) {
        Map<String, Boolean> kinds = new java.util.LinkedHashMap<>();
        kinds.put("response.created", event.isCreated());
        kinds.put("response.in_progress", event.isInProgress());
        kinds.put("response.output_item.added", event.isOutputItemAdded());
        kinds.put("response.content_part.added", event.isContentPartAdded());
        kinds.put("response.output_text.delta", event.isOutputTextDelta());
        kinds.put("response.output_text.done", event.isOutputTextDone());
        kinds.put("response.content_part.done", event.isContentPartDone());
        kinds.put("response.output_item.done", event.isOutputItemDone());
        kinds.put("response.completed", event.isCompleted());
        return kinds.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).findFirst()
                .orElse("other");
    }

    private static String text(Response response) {
        StringBuilder text = new StringBuilder();
        response.output().forEach(item -> item.message().ifPresent(message -> message.content()
                .forEach(content -> content.outputText().ifPresent(part -> text.append(part.text())))));
        return text.toString();
    }

    private static JsonNode tree(String json) {
        return io.tollgate.adapters.Json.parseObject(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String event(String type, String data) {
        return "event: " + type + "\ndata: " + data + "\n\n";
    }

    private static BigDecimal loggedCost(List<String> requestIds) {
        assertThat(requestIds).hasSize(1);
        var log = node.node().cluster().requestLog();
        log.flush();
        return log.find(requestIds.get(0)).map(row -> BigDecimal.valueOf(row.costNanos(), 9))
                .orElseThrow(() -> new AssertionError("no log row for " + requestIds));
    }
}
