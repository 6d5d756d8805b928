package io.tollgate.node.http;

import static io.tollgate.node.testing.NodeHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseItem;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.inputitems.InputItemListParams;
import io.tollgate.node.testing.FakeUpstream;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.Fixtures;
import io.tollgate.node.testing.NodeHarness;
import io.tollgate.node.testing.SseText;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Stored Responses through the official OpenAI Java SDK: read, listed and deleted at an OpenAI-type provider with the
 * key that created them, or answered by the gateway itself for a Response it translated (Anthropic, the mock); only
 * the virtual key that created one may name it, {@code store: false} keeps nothing, and every call is governed and
 * logged, never billed.
 */
@Timeout(120)
class StoredResponsesIT {

    private static final String OWNER = "tg-owner-0000000000000001";
    private static final String OTHER = "tg-other-0000000000000001";
    private static final String THROTTLED = "tg-throt-0000000000000001";
    private static final String SECRET_ONE = "sk-one-000000000000000000001";
    private static final String SECRET_TWO = "sk-two-000000000000000000002";

    private static FakeUpstream upstream;
    private static NodeHarness node;
    private static OpenAIClient owner;
    private static OpenAIClient other;

    private int seen;

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
                    keys: [ { name: one, value: %2$s }, { name: two, value: %3$s } ]
                    retries: { max: 0 }
                  claude:
                    type: anthropic
                    base_url: %1$s
                    keys: [ { name: main, value: %4$s } ]
                    retries: { max: 0 }
                pricing:
                  mock/echo: { input: 1, output: 1 }
                  fake/gpt-test: { input: 1, output: 2 }
                  claude/claude-test: { input: 3, output: 15 }
                governance:
                  enforce: true
                  virtual_keys:
                    - { name: owner, value: %5$s }
                    - { name: other, value: %6$s }
                    - name: throttled
                      value: %7$s
                      rate_limit: { request_max_limit: 2, request_reset_duration: 1h }
                """.formatted(upstream.url(), SECRET_ONE, SECRET_TWO, Fixtures.ANTHROPIC_SECRET, OWNER, OTHER,
                THROTTLED));
        owner = client(OWNER);
        other = client(OTHER);
    }

    @AfterAll
    static void stop() {
        owner.close();
        other.close();
        node.close();
        upstream.close();
    }

    @BeforeEach
    void rememberUpstreamCalls() {
        seen = upstream.requests().size();
    }

    @Test
    void shouldReadListAndDeleteANativeResponseAtTheProviderWithTheKeyThatCreatedIt() {
        serveNative("resp_native1");
        HttpResponseFor<Response> created = owner.responses().withRawResponse().create(ResponseCreateParams.builder()
                .model("fake/gpt-test").input("Hi").build());
        String secret = created.headers().values("x-tollgate-key").getFirst().equals("one") ? SECRET_ONE : SECRET_TWO;
        assertThat(created.parse().id()).isEqualTo("resp_native1");

        for (int i = 0; i < 4; i++) {
            // balanced over two keys, the reads always go with the key whose account holds the response
            assertThat(owner.responses().retrieve("resp_native1").id()).isEqualTo("resp_native1");
            assertThat(upstream.last().method()).isEqualTo("GET");
            assertThat(upstream.last().path()).isEqualTo("/v1/responses/resp_native1");
            assertThat(upstream.last().headers().get("authorization")).isEqualTo("Bearer " + secret);
        }
        List<ResponseItem> items = owner.responses().inputItems().list("resp_native1", InputItemListParams.builder()
                .limit(5L).order(InputItemListParams.Order.ASC).after("msg_a").build()).data();
        assertThat(items).hasSize(1);
        assertThat(upstream.last().path()).isEqualTo("/v1/responses/resp_native1/input_items");
        assertThat(upstream.last().query().split("&")).containsExactlyInAnyOrder("limit=5", "order=asc",
                "after=msg_a");
        assertThat(upstream.last().headers().get("authorization")).isEqualTo("Bearer " + secret);

        owner.responses().delete("resp_native1");
        assertThat(upstream.last().method()).isEqualTo("DELETE");
        assertThat(upstream.last().headers().get("authorization")).isEqualTo("Bearer " + secret);
        int calls = upstream.requests().size();
        assertThatThrownBy(() -> owner.responses().retrieve("resp_native1")).isInstanceOf(NotFoundException.class);
        assertThat(upstream.requests()).hasSize(calls);
    }

    @Test
    void shouldRecordANativeStreamedResponseByTheIdItsStreamAnnounced() {
        serveNative("resp_native2");
        upstream.on("/v1/responses", Reply.sse(List.of(
                event("response.created", "{\"type\":\"response.created\",\"sequence_number\":0,\"response\":"
                        + "{\"id\":\"resp_native2\",\"object\":\"response\",\"status\":\"in_progress\",\"output\":[]}}"),
                event("response.completed", "{\"type\":\"response.completed\",\"sequence_number\":1,\"response\":"
                        + "{\"id\":\"resp_native2\",\"object\":\"response\",\"status\":\"completed\",\"output\":[],"
                        + "\"usage\":{\"input_tokens\":2,\"input_tokens_details\":{\"cached_tokens\":0},"
                        + "\"output_tokens\":1,\"output_tokens_details\":{\"reasoning_tokens\":0},"
                        + "\"total_tokens\":3}}}"))));
        try (StreamResponse<ResponseStreamEvent> stream = owner.responses().createStreaming(ResponseCreateParams
                .builder().model("fake/gpt-test").input("Hi").build())) {
            assertThat(stream.stream().filter(ResponseStreamEvent::isCompleted).count()).isEqualTo(1);
        }

        assertThat(owner.responses().retrieve("resp_native2").id()).isEqualTo("resp_native2");
        assertThat(upstream.last().path()).isEqualTo("/v1/responses/resp_native2");
    }

    @Test
    void shouldAnswerATranslatedResponseFromTheGatewayWithoutAskingTheProvider() {
        upstream.on("/v1/messages", Reply.json(200, Fixtures.ANTHROPIC_MESSAGE));
        HttpResponse<String> created = node.post("/v1/responses", "{\"model\":\"claude/claude-test\","
                + "\"max_output_tokens\":100,\"input\":[{\"role\":\"developer\",\"content\":\"Be brief\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"Hi\"}]}]}",
                "authorization", "Bearer " + OWNER);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String id = json(created).path("id").asText();
        assertThat(json(created).path("store").asBoolean()).isTrue();

        HttpResponse<String> read = node.get("/v1/responses/" + id, "authorization", "Bearer " + OWNER);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(json(read)).isEqualTo(json(created));
        Response response = owner.responses().retrieve(id);
        assertThat(response.id()).isEqualTo(id);
        assertThat(response.output().getFirst().message().orElseThrow().content().getFirst().outputText()
                .orElseThrow().text()).isEqualTo("Hello from Claude");

        List<ResponseItem> newestFirst = owner.responses().inputItems().list(id).data();
        assertThat(newestFirst).extracting(item -> item.responseInputMessageItem().orElseThrow().role().asString())
                .containsExactly("user", "developer");
        assertThat(newestFirst.getFirst().responseInputMessageItem().orElseThrow().content().getFirst()
                .inputText().orElseThrow().text()).isEqualTo("Hi");
        List<ResponseItem> oldestFirst = owner.responses().inputItems().list(id, InputItemListParams.builder()
                .order(InputItemListParams.Order.ASC).limit(1L).build()).data();
        assertThat(oldestFirst).extracting(item -> item.responseInputMessageItem().orElseThrow().role().asString())
                .containsExactly("developer");
        assertThat(upstream.requestsSince(seen)).extracting(FakeUpstream.Recorded::path)
                .containsExactly("/v1/messages");

        owner.responses().delete(id);
        assertThatThrownBy(() -> owner.responses().retrieve(id)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> owner.responses().inputItems().list(id)).isInstanceOf(NotFoundException.class);
        assertThat(upstream.requestsSince(seen)).hasSize(1);
    }

    @Test
    void shouldContinueATranslatedConversationFromThePreviousResponse() {
        upstream.on("/v1/messages", Reply.json(200, Fixtures.ANTHROPIC_MESSAGE));
        String first = owner.responses().create(ResponseCreateParams.builder().model("claude/claude-test")
                .input("Hi").maxOutputTokens(100).build()).id();

        String second = owner.responses().create(ResponseCreateParams.builder().model("claude/claude-test")
                .input("And then?").previousResponseId(first).maxOutputTokens(100).build()).id();

        JsonNode messages = SseText.parse(upstream.last().body()).path("messages");
        assertThat(messages).extracting(message -> message.path("role").asText())
                .containsExactly("user", "assistant", "user");
        assertThat(messages.toString()).contains("Hi", "Hello from Claude", "And then?");
        List<ResponseItem> items = owner.responses().inputItems().list(second, InputItemListParams.builder()
                .order(InputItemListParams.Order.ASC).build()).data();
        assertThat(items).hasSize(3);
        assertThat(items.get(1).responseOutputMessage()).isPresent();
        assertThat(items.get(2).responseInputMessageItem().orElseThrow().content().getFirst().inputText()
                .orElseThrow().text()).isEqualTo("And then?");
        int calls = upstream.requests().size();
        assertThatThrownBy(() -> other.responses().create(ResponseCreateParams.builder().model("claude/claude-test")
                .input("Mine now?").previousResponseId(first).build()))
                .isInstanceOf(com.openai.errors.BadRequestException.class).hasMessageContaining("not found");
        assertThat(upstream.requests()).hasSize(calls);
    }

    @Test
    void shouldKeepTheStreamedResponseTheClientSawComplete() {
        HttpResponse<String> streamed = node.post("/v1/responses", "{\"model\":\"mock/echo\",\"stream\":true,"
                + "\"input\":\"Hello\"}", "authorization", "Bearer " + OWNER);
        assertThat(streamed.statusCode()).isEqualTo(200);
        List<String> data = SseText.dataLines(streamed.body());
        JsonNode completed = SseText.parse(data.get(data.size() - 1));
        assertThat(completed.path("type").asText()).isEqualTo("response.completed");
        String id = completed.at("/response/id").asText();

        HttpResponse<String> read = node.get("/v1/responses/" + id, "authorization", "Bearer " + OWNER);

        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(json(read)).isEqualTo(completed.path("response"));
        assertThat(owner.responses().inputItems().list(id).data()).singleElement().satisfies(item -> assertThat(
                item.responseInputMessageItem().orElseThrow().content().getFirst().inputText().orElseThrow().text())
                .isEqualTo("Hello"));
    }

    @Test
    void shouldHideAResponseFromEveryOtherKey() {
        serveNative("resp_native3");
        upstream.on("/v1/responses", Reply.json(200, nativeResponse("resp_native3")));
        owner.responses().create(ResponseCreateParams.builder().model("fake/gpt-test").input("Hi").build());
        String translated = owner.responses().create(ResponseCreateParams.builder().model("mock/echo").input("Hi")
                .build()).id();
        int calls = upstream.requests().size();

        for (String id : List.of("resp_native3", translated)) {
            assertThatThrownBy(() -> other.responses().retrieve(id)).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> other.responses().inputItems().list(id)).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> other.responses().delete(id)).isInstanceOf(NotFoundException.class);
            assertThat(owner.responses().retrieve(id).id()).isEqualTo(id);
        }
        HttpResponse<String> refused = node.get("/v1/responses/" + translated, "authorization", "Bearer " + OTHER);
        assertThat(json(refused).at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(upstream.requests()).hasSize(calls + 1);   // the owner's native read only
    }

    @Test
    void shouldKeepNothingWhenTheClientSaysStoreFalse() {
        upstream.on("/v1/responses", Reply.json(200, nativeResponse("resp_unstored")));
        owner.responses().create(ResponseCreateParams.builder().model("fake/gpt-test").input("Hi").store(false)
                .build());
        Response translated = owner.responses().create(ResponseCreateParams.builder().model("mock/echo").input("Hi")
                .store(false).build());
        int calls = upstream.requests().size();

        assertThat(translated._additionalProperties().get("store")).hasToString("false");
        assertThatThrownBy(() -> owner.responses().retrieve("resp_unstored")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> owner.responses().retrieve(translated.id())).isInstanceOf(NotFoundException.class);
        assertThat(upstream.requests()).hasSize(calls);
    }

    @Test
    void shouldGiveTranslatedResponsesIdsOfTheirOwnWhateverRequestIdTheClientSends() {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> created = node.post("/v1/responses", "{\"model\":\"mock/echo\",\"input\":\"Hi\"}",
                    "authorization", "Bearer " + OWNER, "x-request-id", "same.request-id");
            ids.add(json(created).path("id").asText());
        }

        assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.matches("resp_[0-9a-f]{32}"));
        assertThat(ids).allSatisfy(id -> assertThat(owner.responses().retrieve(id).id()).isEqualTo(id));
    }

    @Test
    void shouldGovernAndLogReadsWithoutBillingThem() {
        OpenAIClient throttled = client(THROTTLED);
        try {
            String id = throttled.responses().create(ResponseCreateParams.builder().model("mock/echo").input("Hi")
                    .build()).id();
            HttpResponse<String> read = node.get("/v1/responses/" + id, "authorization", "Bearer " + THROTTLED);
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            assertThat(read.headers().firstValue("x-tollgate-cost-usd")).hasValue("0");

            HttpResponse<String> limited = node.get("/openai/v1/responses/" + id + "/input_items", "authorization",
                    "Bearer " + THROTTLED);
            assertThat(limited.statusCode()).as(limited.body()).isEqualTo(429);
            assertThat(json(limited).at("/error/type").asText()).isEqualTo("rate_limit_error");

            var log = node.node().cluster().requestLog();
            log.flush();
            assertThat(log.find(read.headers().firstValue("x-request-id").orElseThrow()))
                    .hasValueSatisfying(row -> assertThat(row.costNanos()).isZero());
        } finally {
            throttled.close();
        }
        HttpResponse<String> unauthenticated = node.get("/v1/responses/resp_any");
        assertThat(unauthenticated.statusCode()).isEqualTo(401);
    }

    @Test
    void shouldRefuseABadQueryInOpenAisShape() {
        HttpResponse<String> refused = node.get("/v1/responses/resp_any/input_items?limit=500", "authorization",
                "Bearer " + OWNER);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).at("/error/param").asText()).isEqualTo("limit");
        HttpResponse<String> streamed = node.get("/v1/responses/resp_any?stream=true", "authorization",
                "Bearer " + OWNER);
        assertThat(streamed.statusCode()).isEqualTo(400);
        assertThat(json(streamed).at("/error/param").asText()).isEqualTo("stream");
    }

    /** The fake answers a native create with {@code id}, and reads, lists and deletes of it. */
    private static void serveNative(String id) {
        upstream.on("/v1/responses", Reply.json(200, nativeResponse(id)));
        upstream.on("/v1/responses/" + id, exchange -> (exchange.getRequestMethod().equals("DELETE")
                ? Reply.json(200, "{\"id\":\"" + id + "\",\"object\":\"response\",\"deleted\":true}")
                : Reply.json(200, nativeResponse(id))).write(exchange));
        upstream.on("/v1/responses/" + id + "/input_items", Reply.json(200, """
                {"object":"list","data":[{"id":"msg_in1","type":"message","role":"user","status":"completed",
                 "content":[{"type":"input_text","text":"Hi"}]}],"first_id":"msg_in1","last_id":"msg_in1",
                 "has_more":false}"""));
    }

    private static String nativeResponse(String id) {
        return """
                {"id":"%s","object":"response","created_at":1700000000,"status":"completed","error":null,
                 "incomplete_details":null,"instructions":null,"max_output_tokens":null,"model":"gpt-test",
                 "output":[{"type":"message","id":"msg_up","status":"completed","role":"assistant",
                            "content":[{"type":"output_text","text":"Hello","annotations":[]}]}],
                 "parallel_tool_calls":true,"previous_response_id":null,"store":true,"temperature":1.0,
                 "text":{"format":{"type":"text"}},"tool_choice":"auto","tools":[],"top_p":1.0,
                 "truncation":"disabled","usage":{"input_tokens":2,"input_tokens_details":{"cached_tokens":0},
                 "output_tokens":1,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":3},
                 "metadata":{}}""".formatted(id);
    }

    private static String event(String type, String data) {
        return "event: " + type + "\ndata: " + data + "\n\n";
    }

    private static OpenAIClient client(String key) {
        return OpenAIOkHttpClient.builder().baseUrl(node.url() + "/v1").apiKey(key).maxRetries(0).build();
    }
}
