package io.tollgate.adapters.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.adapters.Usage;
import io.tollgate.adapters.translate.Fixtures;
import org.junit.jupiter.api.Test;

/** {@code usageMetadata} to and from {@link Usage}. */
class GeminiUsageTest {

    @Test
    void shouldSplitCachedThoughtsAndToolUsePromptIntoBuckets() {
        Usage usage = GeminiUsage.fromGemini(Fixtures.json("gemini/response_thinking_cached.json")
                .path("usageMetadata"));

        assertThat(usage).isEqualTo(new Usage(2100 - 2048 + 20, 2048, 0, 0, 10, 352));
        assertThat(usage.totalTokens()).as("Gemini's totalTokenCount").isEqualTo(2482);
    }

    @Test
    void shouldReadAbsentOrMalformedCountsAsZero() {
        assertThat(GeminiUsage.fromGemini(Fixtures.tree("{\"trafficType\": \"ON_DEMAND\"}"))).isEqualTo(Usage.ZERO);
        assertThat(GeminiUsage.fromGemini(Fixtures.tree("null"))).isEqualTo(Usage.ZERO);
        assertThat(GeminiUsage.fromGemini(Fixtures.tree("""
                {"promptTokenCount": 10, "cachedContentTokenCount": 50, "candidatesTokenCount": "x"}""")))
                .as("cached capped at the prompt").isEqualTo(new Usage(0, 10, 0, 0, 0, 0));
    }

    @Test
    void shouldWriteUsageMetadataOmittingZeroDetails() {
        assertThat(Fixtures.wire(GeminiUsage.toGemini(new Usage(100, 2000, 30, 0, 40, 300))))
                .isEqualTo(Fixtures.tree("""
                        {"promptTokenCount": 2130, "candidatesTokenCount": 40, "totalTokenCount": 2470,
                         "cachedContentTokenCount": 2000, "thoughtsTokenCount": 300}"""));
        assertThat(Fixtures.wire(GeminiUsage.toGemini(Usage.of(3, 4)))).isEqualTo(Fixtures.tree("""
                {"promptTokenCount": 3, "candidatesTokenCount": 4, "totalTokenCount": 7}"""));
    }
}
