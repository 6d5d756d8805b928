package io.tollgate.node.batch;

import static io.tollgate.node.testing.NodeHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.cluster.log.LogRecord;
import io.tollgate.node.testing.FakeUpstream;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.NodeHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Batches end to end on fake upstreams: an OpenAI batch (input file uploaded through the gateway, models renamed
 * for the upstream, batch submitted, completed) and an Anthropic Message Batch, each reserved when submitted and
 * settled when it ends at batch prices (half the standard rates), to the nano-dollar, one log row per line; only
 * the virtual key that created a batch may read it; a budget that cannot cover a batch's worst case refuses it
 * before the provider sees it.
 */
@Timeout(60)
class BatchIT {

    private static final String BATCHER = "tg-batcher-00000000000001";
    private static final String OTHER = "tg-other-0000000000000001";
    private static final String POOR = "tg-poor-00000000000000001";
    private static final String THROTTLED = "tg-throttled-00000000001";
    private static final String HAIKU_ONLY = "tg-haiku-only-000000001";
    private static final String INPUT = """
            {"custom_id":"a","method":"POST","url":"/v1/chat/completions","body":{"model":"oa/gpt-4o-mini","messages":[{"role":"user","content":"one"}],"max_tokens":600}}
            {"custom_id":"b","method":"POST","url":"/v1/chat/completions","body":{"model":"oa/gpt-4o-mini","messages":[{"role":"user","content":"two"}],"max_tokens":200}}
            {"custom_id":"c","method":"POST","url":"/v1/chat/completions","body":{"model":"oa/gpt-4o-mini","messages":[{"role":"user","content":"three"}],"max_tokens":200}}
            """;
    private static final String OUTPUT = """
            {"id":"batch_req_1","custom_id":"a","response":{"status_code":200,"request_id":"r1","body":{"id":"chatcmpl-1","object":"chat.completion","model":"gpt-4o-mini-2024-07-18","choices":[],"usage":{"prompt_tokens":1000,"completion_tokens":500,"total_tokens":1500,"prompt_tokens_details":{"cached_tokens":200}}}},"error":null}
            {"id":"batch_req_2","custom_id":"b","response":{"status_code":200,"request_id":"r2","body":{"id":"chatcmpl-2","object":"chat.completion","model":"gpt-4o-mini-2024-07-18","choices":[],"usage":{"prompt_tokens":2000,"completion_tokens":100,"total_tokens":2100}}},"error":null}
            """;
    private static final String ERRORS = """
            {"id":"batch_req_3","custom_id":"c","response":{"status_code":400,"request_id":"r3","body":{"error":{"message":"bad","type":"invalid_request_error"}}},"error":null}
            """;
    private static final String RESULTS = """
            {"custom_id":"x","result":{"type":"succeeded","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[],"usage":{"input_tokens":100,"output_tokens":50,"cache_read_input_tokens":1000,"cache_creation_input_tokens":200}}}}
            {"custom_id":"y","result":{"type":"succeeded","message":{"id":"msg_2","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[],"usage":{"input_tokens":300,"output_tokens":20}}}}
            {"custom_id":"z","result":{"type":"errored","error":{"type":"error","error":{"type":"invalid_request_error","message":"bad"}}}}
            """;

    private static FakeUpstream upstream;
    private static NodeHarness node;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
        upstream.on("/v1/files", Reply.json(200, "{\"id\":\"file-in1\",\"object\":\"file\",\"bytes\":600,"
                + "\"purpose\":\"batch\",\"filename\":\"in.jsonl\"}"));
        upstream.on("/v1/batches", Reply.json(200, "{\"id\":\"batch_1\",\"object\":\"batch\",\"endpoint\":"
                + "\"/v1/chat/completions\",\"input_file_id\":\"file-in1\",\"completion_window\":\"24h\","
                + "\"status\":\"validating\"}"));
        upstream.on("/v1/batches/batch_1", Reply.json(200, "{\"id\":\"batch_1\",\"object\":\"batch\","
                + "\"status\":\"in_progress\"}"));
        upstream.on("/v1/files/file-out1/content", text(OUTPUT));
        upstream.on("/v1/files/file-err1/content", text(ERRORS));
        upstream.on("/v1/messages/batches", Reply.json(200, "{\"id\":\"msgbatch_1\",\"type\":\"message_batch\","
                + "\"processing_status\":\"in_progress\"}"));
        upstream.on("/v1/messages/batches/msgbatch_1", Reply.json(200, "{\"id\":\"msgbatch_1\",\"type\":"
                + "\"message_batch\",\"processing_status\":\"in_progress\"}"));
        upstream.on("/v1/messages/batches/msgbatch_1/results", text(RESULTS));
        node = NodeHarness.start(BatchFixtures.providers(upstream.url()) + """
                governance:
                  enforce: true
                  virtual_keys:
                    - { name: batcher, value: %s, budgets: [ { max_limit: 10, reset_duration: 30d } ] }
                    - { name: other, value: %s }
                    - { name: poor, value: %s, budgets: [ { max_limit: 0.0001, reset_duration: 30d } ] }
                    - name: throttled
                      value: %s
                      rate_limit: { request_max_limit: 2, request_reset_duration: 1h }
                    - name: haiku-only
                      value: %s
                      provider_configs: [ { provider: an, allowed_models: [ claude-haiku-4-5 ] } ]
                """.formatted(BATCHER, OTHER, POOR, THROTTLED, HAIKU_ONLY));
    }

    @AfterAll
    static void stop() {
        node.close();
        upstream.close();
    }

    @Test
    void shouldSettleAnOpenAiBatchAtBatchPricesPerLineWhenItCompletes() throws Exception {
        HttpResponse<String> file = upload(BATCHER, INPUT);
        assertThat(file.statusCode()).as(file.body()).isEqualTo(200);
        assertThat(json(file).path("id").asText()).isEqualTo("file-in1");
        FakeUpstream.Recorded sent = upstream.requests().stream().filter(r -> r.path().equals("/v1/files"))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(sent.headers().get("authorization")).isEqualTo("Bearer sk-oa-0000000000000000");
        assertThat(sent.headers().get("content-type")).startsWith("multipart/form-data; boundary=");
        assertThat(sent.body()).contains("\"model\":\"gpt-4o-mini\"").doesNotContain("oa/gpt-4o-mini")
                .contains("name=\"purpose\"").contains("batch");

        HttpResponse<String> submitted = node.post("/v1/batches", "{\"input_file_id\":\"file-in1\",\"endpoint\":"
                + "\"/v1/chat/completions\",\"completion_window\":\"24h\"}", "authorization", "Bearer " + BATCHER);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
        assertThat(json(submitted).path("id").asText()).isEqualTo("batch_1");
        assertThat(submitted.headers().firstValue("x-tollgate-cost-usd")).hasValue("0");
        var held = budget("batcher");
        assertThat(held.used()).isZero();
        // worst case at batch prices: each line's input bound at $0.075/M plus its max_tokens at $0.30/M
        assertThat(held.reserved()).isPositive();
        assertThat(new java.math.BigDecimal(submitted.headers().firstValue("x-tollgate-batch-reserved-usd")
                .orElseThrow()).movePointRight(9).longValueExact()).isEqualTo(held.reserved());

        // another key cannot see the batch, nor its file
        assertThat(node.get("/v1/batches/batch_1", "authorization", "Bearer " + OTHER).statusCode()).isEqualTo(404);
        HttpResponse<String> stolen = node.post("/v1/batches", "{\"input_file_id\":\"file-in1\",\"endpoint\":"
                + "\"/v1/chat/completions\",\"completion_window\":\"24h\"}", "authorization", "Bearer " + OTHER);
        assertThat(stolen.statusCode()).isEqualTo(404);
        assertThat(json(stolen).path("error").path("type").asText()).isNotEmpty();

        HttpResponse<String> running = node.get("/v1/batches/batch_1", "authorization", "Bearer " + BATCHER);
        assertThat(running.statusCode()).isEqualTo(200);
        assertThat(budget("batcher").used()).isZero();

        upstream.on("/v1/batches/batch_1", Reply.json(200, "{\"id\":\"batch_1\",\"object\":\"batch\",\"status\":"
                + "\"completed\",\"output_file_id\":\"file-out1\",\"error_file_id\":\"file-err1\"}"));
        HttpResponse<String> done = node.get("/v1/batches/batch_1", "authorization", "Bearer " + BATCHER);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(json(done).path("status").asText()).isEqualTo("completed");

        // line a: 800 input at $0.075/M, 200 cached at $0.0375/M, 500 output at $0.30/M = $0.0002175
        // line b: 2000 input at $0.075/M, 100 output at $0.30/M = $0.00018; line c failed: nothing
        var settled = budget("batcher");
        assertThat(settled.used()).isEqualTo(397_500L);
        assertThat(settled.reserved()).isZero();
        List<LogRecord> rows = rows("openai.batch_line");
        assertThat(rows).hasSize(3);
        assertThat(rows).extracting(LogRecord::costNanos).containsExactlyInAnyOrder(217_500L, 180_000L, 0L);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.virtualKeyId()).isPresent();
            assertThat(row.model()).hasValue("oa/gpt-4o-mini");
            assertThat(row.keyName()).hasValue("k1");
        });
        assertThat(rows).filteredOn(row -> row.status() == 400).hasSize(1);

        // its submitter may read the output file; reading the batch again settles nothing twice
        HttpResponse<String> content = node.get("/v1/files/file-out1/content", "authorization", "Bearer " + BATCHER);
        assertThat(content.statusCode()).isEqualTo(200);
        assertThat(content.body()).contains("batch_req_1");
        node.get("/v1/batches/batch_1", "authorization", "Bearer " + BATCHER);
        assertThat(node.node().batches().sweep()).isZero();
        assertThat(budget("batcher").used()).isEqualTo(397_500L);
        assertThat(rows("openai.batch_line")).hasSize(3);
    }

    @Test
    void shouldSettleAnAnthropicMessageBatchWhenTheSweepSeesItEnded() {
        long before = budget("batcher").used();
        HttpResponse<String> submitted = node.post("/anthropic/v1/messages/batches", """
                {"requests":[
                  {"custom_id":"x","params":{"model":"an/claude-haiku-4-5","max_tokens":100,"messages":[{"role":"user","content":"hi"}]}},
                  {"custom_id":"y","params":{"model":"an/claude-haiku-4-5","max_tokens":100,"messages":[{"role":"user","content":"yo"}]}},
                  {"custom_id":"z","params":{"model":"an/claude-haiku-4-5","max_tokens":100,"messages":[{"role":"user","content":"no"}]}}]}
                """, "x-api-key", BATCHER);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
        assertThat(json(submitted).path("id").asText()).isEqualTo("msgbatch_1");
        FakeUpstream.Recorded sent = upstream.last();
        assertThat(sent.path()).isEqualTo("/v1/messages/batches");
        assertThat(sent.headers().get("x-api-key")).isEqualTo("sk-ant-000000000000000");
        assertThat(sent.body()).contains("\"model\":\"claude-haiku-4-5\"").doesNotContain("an/claude");
        assertThat(budget("batcher").reserved()).isPositive();

        assertThat(node.node().batches().sweep()).as("still running").isZero();
        upstream.on("/v1/messages/batches/msgbatch_1", Reply.json(200, "{\"id\":\"msgbatch_1\",\"type\":"
                + "\"message_batch\",\"processing_status\":\"ended\"}"));
        assertThat(node.node().batches().sweep()).isEqualTo(1);

        // x: 100 input at $0.50/M, 1000 cache reads at $0.05/M, 200 cache writes at $0.625/M, 50 output at $2.50/M
        // = $0.00035; y: 300 input, 20 output = $0.0002; z errored: nothing
        assertThat(budget("batcher").used() - before).isEqualTo(550_000L);
        assertThat(budget("batcher").reserved()).isZero();
        assertThat(rows("anthropic.batch_line")).extracting(LogRecord::costNanos)
                .containsExactlyInAnyOrder(350_000L, 200_000L, 0L);
        HttpResponse<String> read = node.get("/anthropic/v1/messages/batches/msgbatch_1", "x-api-key", BATCHER);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(budget("batcher").used() - before).isEqualTo(550_000L);
    }

    @Test
    void shouldRefuseABatchTheBudgetCannotCoverBeforeTheProviderSeesIt() {
        int seen = upstream.requests().size();
        HttpResponse<String> refused = node.post("/anthropic/v1/messages/batches", """
                {"requests":[{"custom_id":"x","params":{"model":"an/claude-haiku-4-5","max_tokens":4000,"messages":[{"role":"user","content":"hi"}]}}]}
                """, "x-api-key", POOR);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(402);
        assertThat(json(refused).path("type").asText()).isEqualTo("error");
        assertThat(json(refused).at("/error/type").asText()).isEqualTo("billing_error");
        assertThat(upstream.requestsSince(seen)).isEmpty();
    }

    @Test
    void shouldCountEveryCallOnAStoredBatchInTheKeysRequestWindow() {
        String running = "{\"id\":\"msgbatch_t\",\"type\":\"message_batch\",\"processing_status\":\"in_progress\"}";
        upstream.on("/v1/messages/batches", Reply.json(200, running));
        upstream.on("/v1/messages/batches/msgbatch_t", Reply.json(200, running));
        try {
            HttpResponse<String> submitted = node.post("/anthropic/v1/messages/batches", """
                    {"requests":[{"custom_id":"x","params":{"model":"an/claude-haiku-4-5","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}}]}
                    """, "x-api-key", THROTTLED);
            assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
            assertThat(node.get("/anthropic/v1/messages/batches/msgbatch_t", "x-api-key", THROTTLED).statusCode())
                    .isEqualTo(200);
            int seen = upstream.requests().size();

            HttpResponse<String> third = node.get("/anthropic/v1/messages/batches/msgbatch_t", "x-api-key",
                    THROTTLED);

            assertThat(third.statusCode()).as(third.body()).isEqualTo(429);
            assertThat(json(third).at("/error/type").asText()).isEqualTo("rate_limit_error");
            assertThat(third.headers().firstValue("retry-after")).isPresent();
            assertThat(upstream.requestsSince(seen)).isEmpty();
        } finally {
            upstream.on("/v1/messages/batches", Reply.json(200, "{\"id\":\"msgbatch_1\",\"type\":"
                    + "\"message_batch\",\"processing_status\":\"in_progress\"}"));
        }
    }

    @Test
    void shouldRefuseABatchWithAnyLineOnAModelTheKeyMayNotUse() {
        int seen = upstream.requests().size();
        HttpResponse<String> refused = node.post("/anthropic/v1/messages/batches", """
                {"requests":[
                  {"custom_id":"x","params":{"model":"an/claude-haiku-4-5","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}},
                  {"custom_id":"y","params":{"model":"an/claude-opus-4-1","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}}]}
                """, "x-api-key", HAIKU_ONLY);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(json(refused).at("/error/message").asText()).contains("claude-opus-4-1");
        assertThat(upstream.requestsSince(seen)).isEmpty();
    }

    @Test
    void shouldRefuseBadBatchInputInTheRoutesErrorShape() throws Exception {
        HttpResponse<String> mixed = upload(BATCHER, INPUT.replaceFirst("oa/gpt-4o-mini", "oa/gpt-4o"));
        assertThat(mixed.statusCode()).isEqualTo(400);
        assertThat(json(mixed).path("error").path("message").asText()).contains("same model");
        HttpResponse<String> notJson = upload(BATCHER, "not json\n");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson).path("error").path("param").asText()).isEqualTo("file");
        HttpResponse<String> anthropic = node.post("/anthropic/v1/messages/batches", "{\"requests\":[]}",
                "x-api-key", BATCHER);
        assertThat(anthropic.statusCode()).isEqualTo(400);
        assertThat(json(anthropic).path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(node.get("/v1/batches/batch_unknown", "authorization", "Bearer " + BATCHER).statusCode())
                .isEqualTo(404);
    }

    private static HttpResponse<String> upload(String key, String jsonl) throws Exception {
        String boundary = "test-boundary-42";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"in.jsonl\"\r\n"
                + "Content-Type: application/jsonl\r\n\r\n" + jsonl + "\r\n--" + boundary + "--\r\n";
        HttpRequest request = HttpRequest.newBuilder(URI.create(node.url() + "/v1/files"))
                .timeout(Duration.ofSeconds(30))
                .header("authorization", "Bearer " + key)
                .header("content-type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private static BatchFixtures.Budget budget(String keyName) {
        return BatchFixtures.budget(node, keyName);
    }

    private static List<LogRecord> rows(String route) {
        return BatchFixtures.rows(node, route);
    }

    private static Reply text(String jsonl) {
        return BatchFixtures.jsonl(jsonl);
    }
}
