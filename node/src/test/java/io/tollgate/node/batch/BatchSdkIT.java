package io.tollgate.node.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.batches.MessageBatch;
import com.anthropic.models.messages.batches.MessageBatchIndividualResponse;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import io.tollgate.node.testing.FakeUpstream;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.NodeHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official SDKs' batch clients through the gateway: the OpenAI Java SDK uploads a batch input file, submits and
 * reads the batch and downloads its output; the Anthropic Java SDK submits a Message Batch, reads it and streams its
 * results. Each batch is settled at batch prices when the SDK sees it ended.
 */
@Timeout(60)
class BatchSdkIT {

    private static final String KEY = "tg-sdk-batch-00000000001";
    private static final String OPENAI_BATCH = "{\"id\":\"batch_sdk\",\"object\":\"batch\",\"endpoint\":"
            + "\"/v1/chat/completions\",\"input_file_id\":\"file-sdk\",\"completion_window\":\"24h\","
            + "\"created_at\":1764500000,\"status\":\"%s\"%s}";
    private static final String MESSAGE_BATCH = "{\"id\":\"msgbatch_sdk\",\"type\":\"message_batch\","
            + "\"processing_status\":\"%s\",\"request_counts\":{\"processing\":0,\"succeeded\":1,\"errored\":0,"
            + "\"canceled\":0,\"expired\":0},\"created_at\":\"2026-11-30T10:00:00Z\",\"expires_at\":"
            + "\"2026-12-01T10:00:00Z\",\"ended_at\":null,\"archived_at\":null,\"cancel_initiated_at\":null,"
            + "\"results_url\":null}";

    private static FakeUpstream upstream;
    private static NodeHarness node;
    private static OpenAIClient openai;
    private static AnthropicClient anthropic;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
        upstream.on("/v1/files", Reply.json(200, "{\"id\":\"file-sdk\",\"object\":\"file\",\"bytes\":200,"
                + "\"created_at\":1764500000,\"filename\":\"in.jsonl\",\"purpose\":\"batch\",\"status\":\"processed\"}"));
        upstream.on("/v1/batches", Reply.json(200, OPENAI_BATCH.formatted("validating", "")));
        upstream.on("/v1/batches/batch_sdk", Reply.json(200, OPENAI_BATCH.formatted("completed",
                ",\"output_file_id\":\"file-sdk-out\"")));
        upstream.on("/v1/files/file-sdk-out/content", jsonl("{\"id\":\"batch_req_1\",\"custom_id\":\"one\","
                + "\"response\":{\"status_code\":200,\"body\":{\"model\":\"gpt-4o-mini\",\"usage\":"
                + "{\"prompt_tokens\":4000,\"completion_tokens\":1000}}},\"error\":null}\n"));
        upstream.on("/v1/messages/batches", Reply.json(200, MESSAGE_BATCH.formatted("in_progress")));
        upstream.on("/v1/messages/batches/msgbatch_sdk", Reply.json(200, MESSAGE_BATCH.formatted("ended")));
        upstream.on("/v1/messages/batches/msgbatch_sdk/results", jsonl("{\"custom_id\":\"one\",\"result\":{\"type\":"
                + "\"succeeded\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":"
                + "\"claude-haiku-4-5\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}],\"stop_reason\":\"end_turn\","
                + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":2000,\"output_tokens\":400}}}}\n"));
        node = NodeHarness.start(BatchFixtures.providers(upstream.url()) + """
                governance:
                  enforce: true
                  virtual_keys:
                    - { name: sdk, value: %s, budgets: [ { max_limit: 5, reset_duration: 30d } ] }
                """.formatted(KEY));
        openai = OpenAIOkHttpClient.builder().baseUrl(node.url() + "/v1").apiKey(KEY).maxRetries(0).build();
        anthropic = AnthropicOkHttpClient.builder().baseUrl(node.url() + "/anthropic").apiKey(KEY).maxRetries(0)
                .build();
    }

    @AfterAll
    static void stop() {
        node.close();
        upstream.close();
    }

    @Test
    void shouldRunAnOpenAiBatchThroughTheSdkAndSettleItAtBatchPrices(@TempDir Path dir) throws Exception {
        Path input = Files.writeString(dir.resolve("in.jsonl"), "{\"custom_id\":\"one\",\"method\":\"POST\",\"url\":"
                + "\"/v1/chat/completions\",\"body\":{\"model\":\"oa/gpt-4o-mini\",\"max_tokens\":2000,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"summarise\"}]}}\n");
        long before = used();

        FileObject file = openai.files().create(FileCreateParams.builder().file(input).purpose(FilePurpose.BATCH)
                .build());
        Batch batch = openai.batches().create(BatchCreateParams.builder().inputFileId(file.id())
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H).build());
        Batch done = openai.batches().retrieve(batch.id());

        assertThat(file.id()).isEqualTo("file-sdk");
        assertThat(done.status()).isEqualTo(Batch.Status.COMPLETED);
        // 4,000 input tokens at $0.075/M and 1,000 output at $0.30/M: $0.0006
        assertThat(used() - before).isEqualTo(600_000L);
        try (var content = openai.files().content(done.outputFileId().orElseThrow())) {
            assertThat(new String(content.body().readAllBytes(), StandardCharsets.UTF_8)).contains("batch_req_1");
        }
    }

    @Test
    void shouldRunAnAnthropicMessageBatchThroughTheSdkAndSettleItAtBatchPrices() {
        long before = used();

        MessageBatch batch = anthropic.messages().batches().create(
                com.anthropic.models.messages.batches.BatchCreateParams.builder()
                        .addRequest(com.anthropic.models.messages.batches.BatchCreateParams.Request.builder()
                                .customId("one")
                                .params(com.anthropic.models.messages.batches.BatchCreateParams.Request.Params
                                        .builder().model("an/claude-haiku-4-5").maxTokens(500)
                                        .addUserMessage("summarise").build())
                                .build())
                        .build());
        MessageBatch ended = anthropic.messages().batches().retrieve(batch.id());
        List<MessageBatchIndividualResponse> results;
        try (StreamResponse<MessageBatchIndividualResponse> stream = anthropic.messages().batches()
                .resultsStreaming(batch.id())) {
            results = stream.stream().toList();
        }

        assertThat(ended.processingStatus()).isEqualTo(MessageBatch.ProcessingStatus.ENDED);
        assertThat(results).extracting(MessageBatchIndividualResponse::customId).containsExactly("one");
        // 2,000 input tokens at $0.50/M and 400 output at $2.50/M: $0.002
        assertThat(used() - before).isEqualTo(2_000_000L);
    }

    private static long used() {
        return BatchFixtures.budget(node, "sdk").used();
    }

    private static Reply jsonl(String text) {
        return BatchFixtures.jsonl(text);
    }
}
