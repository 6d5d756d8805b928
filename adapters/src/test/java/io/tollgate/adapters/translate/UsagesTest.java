package io.tollgate.adapters.translate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.tollgate.adapters.Usage;
import org.junit.jupiter.api.Test;

class UsagesTest {

    @Test
    void shouldSplitOpenAiCachedAndReasoningTokensIntoTheirBuckets() {
        Usage usage = Usages.fromOpenAi(Fixtures.json("openai/usage_cached_reasoning.json"));

        assertThat(usage).isEqualTo(new Usage(86, 1920, 0, 0, 108, 192));
        assertThat(usage.promptTokens()).isEqualTo(2006);
        assertThat(usage.completionTokens()).isEqualTo(300);
    }

    @Test
    void shouldReadDeepSeeksCacheHitsWhenNoCachedTokensDetailIsGiven() {
        // DeepSeek's API reference: prompt_tokens = prompt_cache_hit_tokens + prompt_cache_miss_tokens
        Usage usage = Usages.fromOpenAi(Fixtures.tree("""
                {"prompt_tokens": 2000, "completion_tokens": 50, "total_tokens": 2050,
                 "prompt_cache_hit_tokens": 1280, "prompt_cache_miss_tokens": 720}"""));

        assertThat(usage).isEqualTo(new Usage(720, 1280, 0, 0, 50, 0));
        assertThat(Usages.fromOpenAi(Fixtures.tree("""
                {"prompt_tokens": 2000, "completion_tokens": 50, "prompt_cache_hit_tokens": 1280,
                 "prompt_tokens_details": {"cached_tokens": 1000}}""")).cachedInputTokens())
                .as("OpenAI's detail wins when both are given").isEqualTo(1000);
    }

    @Test
    void shouldReadOpenRoutersCacheWritesIntoTheCacheWriteBucket() {
        // OpenRouter's usage accounting: prompt_tokens includes cached_tokens (reads) and cache_write_tokens
        Usage usage = Usages.fromOpenAi(Fixtures.tree("""
                {"prompt_tokens": 5000, "completion_tokens": 40, "total_tokens": 5040,
                 "prompt_tokens_details": {"cached_tokens": 1000, "cache_write_tokens": 3500}}"""));

        assertThat(usage).isEqualTo(new Usage(500, 1000, 3500, 0, 40, 0));
        assertThat(usage.promptTokens()).isEqualTo(5000);
        assertThat(Usages.fromOpenAi(Fixtures.tree("""
                {"prompt_tokens": 100, "completion_tokens": 1,
                 "prompt_tokens_details": {"cached_tokens": 60, "cache_write_tokens": 90}}""")))
                .as("never more writes than the prompt left").isEqualTo(new Usage(0, 60, 40, 0, 1, 0));
    }

    @Test
    void shouldReadEmbeddingsUsageAsPlainInput() {
        assertThat(Usages.fromOpenAi(Fixtures.json("openai/usage_embeddings.json"))).isEqualTo(Usage.of(8, 0));
    }

    @Test
    void shouldReadMissingOrNullUsageAsZero() {
        assertThat(Usages.fromOpenAi(MissingNode.getInstance())).isEqualTo(Usage.ZERO);
        assertThat(Usages.fromOpenAi(NullNode.getInstance())).isEqualTo(Usage.ZERO);
        assertThat(Usages.fromAnthropic(MissingNode.getInstance())).isEqualTo(Usage.ZERO);
        assertThat(Usages.fromAnthropic(NullNode.getInstance())).isEqualTo(Usage.ZERO);
    }

    @Test
    void shouldNeverProduceNegativeBucketsFromInconsistentOpenAiCounts() {
        Usage usage = Usages.fromOpenAi(Fixtures.tree("""
                {"prompt_tokens": 10, "completion_tokens": -3,
                 "prompt_tokens_details": {"cached_tokens": 50},
                 "completion_tokens_details": {"reasoning_tokens": 7}}"""));

        assertThat(usage).isEqualTo(new Usage(0, 10, 0, 0, 0, 0));
    }

    @Test
    void shouldSplitAnthropicCacheWritesByLifetime() {
        Usage usage = Usages.fromAnthropic(Fixtures.json("anthropic/usage_cache.json"));

        assertThat(usage).isEqualTo(new Usage(21, 3000, 456, 187630, 393, 0));
        assertThat(usage.promptTokens()).isEqualTo(21 + 3000 + 188086);
    }

    @Test
    void shouldCountAllCacheCreationAsFiveMinuteWritesWithoutTheSplit() {
        Usage usage = Usages.fromAnthropic(Fixtures.tree("""
                {"input_tokens": 5, "cache_creation_input_tokens": 1000, "cache_read_input_tokens": 20,
                 "output_tokens": 7}"""));

        assertThat(usage).isEqualTo(new Usage(5, 20, 1000, 0, 7, 0));
    }

    @Test
    void shouldCountUnexplainedCacheCreationAsFiveMinuteWrites() {
        Usage usage = Usages.fromAnthropic(Fixtures.tree("""
                {"input_tokens": 5, "cache_creation_input_tokens": 1000, "output_tokens": 7,
                 "cache_creation": {"ephemeral_5m_input_tokens": 100, "ephemeral_1h_input_tokens": 600}}"""));

        assertThat(usage).isEqualTo(new Usage(5, 0, 400, 600, 7, 0));
    }

    @Test
    void shouldWriteOpenAiUsageWithEveryInputBucketInPromptTokens() {
        assertThat(Fixtures.wire(Usages.toOpenAi(new Usage(86, 1920, 0, 0, 108, 192)))).isEqualTo(Fixtures.tree("""
                {"prompt_tokens": 2006, "completion_tokens": 300, "total_tokens": 2306,
                 "prompt_tokens_details": {"cached_tokens": 1920},
                 "completion_tokens_details": {"reasoning_tokens": 192}}"""));
        assertThat(Usages.toOpenAi(new Usage(21, 3000, 456, 187630, 393, 0)).path("prompt_tokens").asLong())
                .isEqualTo(191107);
    }

    @Test
    void shouldWriteAnthropicUsageAndReadItBackUnchanged() {
        Usage usage = new Usage(21, 3000, 456, 187630, 393, 0);

        assertThat(Fixtures.wire(Usages.toAnthropic(usage))).isEqualTo(Fixtures.tree("""
                {"input_tokens": 21, "cache_creation_input_tokens": 188086, "cache_read_input_tokens": 3000,
                 "cache_creation": {"ephemeral_5m_input_tokens": 456, "ephemeral_1h_input_tokens": 187630},
                 "output_tokens": 393}"""));
        assertThat(Usages.fromAnthropic(Usages.toAnthropic(usage))).isEqualTo(usage);
    }

    @Test
    void shouldFoldReasoningIntoAnthropicOutputTokens() {
        Usage usage = new Usage(86, 1920, 0, 0, 108, 192);

        assertThat(Usages.toAnthropic(usage).path("output_tokens").asLong()).isEqualTo(300);
        assertThat(Usages.fromAnthropic(Usages.toAnthropic(usage))).isEqualTo(new Usage(86, 1920, 0, 0, 300, 0));
    }
}
