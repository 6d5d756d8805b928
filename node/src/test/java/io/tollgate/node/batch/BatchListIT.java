package io.tollgate.node.batch;

import static io.tollgate.node.testing.NodeHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.batches.MessageBatch;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchListParams;
import io.tollgate.node.testing.FakeUpstream;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.Forms;
import io.tollgate.node.testing.NodeHarness;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Listing batches through the gateway: a key sees its own batches only, newest first, each as its provider reports
 * it now, paged forward with the SDKs' own pagers; a key with none gets an empty list.
 */
@Timeout(60)
class BatchListIT {

    private static final String MINE = "tg-list-mine-00000000001";
    private static final String THEIRS = "tg-list-theirs-000000001";
    private static final String EMPTY = "tg-list-empty-000000001";
    private static final String BATCH = "{\"id\":\"%s\",\"object\":\"batch\",\"endpoint\":\"/v1/chat/completions\","
            + "\"input_file_id\":\"%s\",\"completion_window\":\"24h\",\"created_at\":1764500000,\"status\":\"%s\"}";
    private static final String LINE = "{\"custom_id\":\"a\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
            + "\"body\":{\"model\":\"oa/gpt-4o-mini\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"hi\"}]}}\n";

    private static FakeUpstream upstream;
    private static NodeHarness node;

    @BeforeAll
    static void start() throws Exception {
        upstream = FakeUpstream.start();
        node = NodeHarness.start(BatchFixtures.providers(upstream.url()) + """
                governance:
                  enforce: true
                  virtual_keys:
                    - { name: mine, value: %s }
                    - { name: theirs, value: %s }
                    - { name: empty, value: %s }
                """.formatted(MINE, THEIRS, EMPTY));
        submit(MINE, "l1", "completed");
        submit(THEIRS, "l2", "in_progress");
        submit(MINE, "l3", "in_progress");
        submit(MINE, "l4", "failed");
        upstream.on("/v1/messages/batches", Reply.json(200, "{\"id\":\"msgbatch_l\",\"type\":\"message_batch\","
                + "\"processing_status\":\"in_progress\"}"));
        upstream.on("/v1/messages/batches/msgbatch_l", Reply.json(200, "{\"id\":\"msgbatch_l\",\"type\":"
                + "\"message_batch\",\"processing_status\":\"in_progress\",\"request_counts\":{\"processing\":1,"
                + "\"succeeded\":0,\"errored\":0,\"canceled\":0,\"expired\":0},\"created_at\":\"2026-11-30T10:00:00Z\","
                + "\"expires_at\":\"2026-12-01T10:00:00Z\",\"ended_at\":null,\"archived_at\":null,"
                + "\"cancel_initiated_at\":null,\"results_url\":null}"));
        HttpResponse<String> anthropic = node.post("/anthropic/v1/messages/batches", "{\"requests\":[{\"custom_id\":"
                + "\"x\",\"params\":{\"model\":\"an/claude-haiku-4-5\",\"max_tokens\":10,\"messages\":[{\"role\":"
                + "\"user\",\"content\":\"hi\"}]}}]}", "x-api-key", MINE);
        assertThat(anthropic.statusCode()).as(anthropic.body()).isEqualTo(200);
    }

    /** A file upload and a batch submission whose provider ids are {@code file-ID} and {@code batch_ID}. */
    private static void submit(String key, String id, String status) throws Exception {
        upstream.on("/v1/files", Reply.json(200, "{\"id\":\"file-" + id + "\",\"object\":\"file\",\"purpose\":"
                + "\"batch\"}"));
        upstream.on("/v1/batches", Reply.json(200, BATCH.formatted("batch_" + id, "file-" + id, "validating")));
        upstream.on("/v1/batches/batch_" + id, Reply.json(200, BATCH.formatted("batch_" + id, "file-" + id,
                status)));
        String boundary = "b0undary";
        String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"in.jsonl\"\r\n\r\n" + LINE
                + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> file = node.postForm("/v1/files", new Forms.Form(form.getBytes(
                java.nio.charset.StandardCharsets.UTF_8), "multipart/form-data; boundary=" + boundary),
                "authorization", "Bearer " + key);
        assertThat(file.statusCode()).as(file.body()).isEqualTo(200);
        HttpResponse<String> batch = node.post("/v1/batches", "{\"input_file_id\":\"file-" + id + "\",\"endpoint\":"
                + "\"/v1/chat/completions\",\"completion_window\":\"24h\"}", "authorization", "Bearer " + key);
        assertThat(batch.statusCode()).as(batch.body()).isEqualTo(200);
        Thread.sleep(5);   // distinct creation times, so "newest first" is well defined
    }

    @AfterAll
    static void stop() {
        node.close();
        upstream.close();
    }

    @Test
    void shouldListOnlyTheKeysOwnBatchesNewestFirstAsTheProviderReportsThem() {
        OpenAIClient openai = OpenAIOkHttpClient.builder().baseUrl(node.url() + "/v1").apiKey(MINE).maxRetries(0)
                .build();

        List<Batch> all = new ArrayList<>();
        openai.batches().list(BatchListParams.builder().limit(2).build()).autoPager().forEach(all::add);

        assertThat(all).extracting(Batch::id).containsExactly("batch_l4", "batch_l3", "batch_l1");
        assertThat(all).extracting(Batch::status).containsExactly(Batch.Status.FAILED, Batch.Status.IN_PROGRESS,
                Batch.Status.COMPLETED);
        var first = openai.batches().list(BatchListParams.builder().limit(2).build());
        assertThat(first.hasNextPage()).isTrue();
        assertThat(first.nextPage().data()).extracting(Batch::id).containsExactly("batch_l1");
    }

    @Test
    void shouldListAnthropicBatchesAndGiveAKeyWithoutAnyAnEmptyList() {
        List<MessageBatch> batches = new ArrayList<>();
        AnthropicOkHttpClient.builder().baseUrl(node.url() + "/anthropic").apiKey(MINE).maxRetries(0).build()
                .messages().batches().list().autoPager().forEach(batches::add);
        assertThat(batches).extracting(MessageBatch::id).containsExactly("msgbatch_l");

        HttpResponse<String> none = node.get("/v1/batches", "authorization", "Bearer " + EMPTY);
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(json(none).path("data")).isEmpty();
        assertThat(json(none).path("has_more").asBoolean()).isFalse();
        HttpResponse<String> backward = node.get("/anthropic/v1/messages/batches?before_id=msgbatch_l", "x-api-key",
                MINE);
        assertThat(backward.statusCode()).isEqualTo(400);
        assertThat(json(backward).at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(node.get("/v1/batches?limit=0", "authorization", "Bearer " + MINE).statusCode()).isEqualTo(400);
    }
}
