package io.tollgate.node.providers.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.config.ProviderType;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.SseText;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * DeepSeek's OpenAI-compatible API through the {@code deepseek} preset. DeepSeek documents its usage as
 * {@code prompt_tokens} = {@code prompt_cache_hit_tokens} + {@code prompt_cache_miss_tokens}, with
 * {@code completion_tokens_details.reasoning_tokens} for the reasoner (API reference, "Create Chat Completion";
 * guide "Context Caching"); its live answers also carry OpenAI's {@code prompt_tokens_details.cached_tokens}, equal to
 * the hits, which is what the gateway reads.
 */
class DeepSeekContractIT extends OpenAiFamilyContract {

    @Override
    protected ProviderType type() {
        return ProviderType.DEEPSEEK;
    }

    @Override
    protected String basePath() {
        return "/deepseek/v1";
    }

    @Override
    protected String secret() {
        return "sk-contract-deepseek-000001";
    }

    @Override
    protected String model() {
        return "deepseek-reasoner";
    }

    /** The usage as DeepSeek's live API answers: its own cache fields and OpenAI's. */
    @Override
    protected ObjectNode goldenUsage() {
        ObjectNode usage = openAiUsage(1503, 1280, 611, 397);
        return usage.put("prompt_cache_hit_tokens", 1280).put("prompt_cache_miss_tokens", 1503 - 1280);
    }

    @Override
    protected Golden.Tokens golden(boolean stream) {
        return new Golden.Tokens(1503 - 1280, 1280, 0, 0, 611 - 397, 397);
    }

    @Test
    void shouldPriceCacheHitsReportedOnlyInDeepSeeksDocumentedFields() {
        upstream.on(path(false), Reply.json(200, """
                {"id":"930c60df-bf64-41c9-a88e-3ec75f81e00e","object":"chat.completion","created":1705651092,
                 "model":"deepseek-reasoner","choices":[{"index":0,"message":{"role":"assistant",
                 "content":"Hello! How can I assist you today?","reasoning_content":"Greet back."},
                 "logprobs":null,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":1503,"completion_tokens":611,"total_tokens":2114,
                  "prompt_cache_hit_tokens":1280,"prompt_cache_miss_tokens":223,
                  "completion_tokens_details":{"reasoning_tokens":397}},
                 "system_fingerprint":"fp_a49d71b8a1"}"""));
        HttpResponse<String> response = openAi(false, "\"Hi\"", "");

        ok(response);
        assertThat(costNanos(response.headers())).isEqualTo(golden(false).costNanos());
    }
}
