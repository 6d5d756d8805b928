package io.tollgate.adapters.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Usage;
import io.tollgate.adapters.translate.Json;

/**
 * Gemini's {@code usageMetadata} to and from {@link Usage}. Pure functions; safe from any thread. Absent or
 * malformed counts read as 0: usage must not fail a response.
 *
 * <p>What the fields mean, from Google's own reference (google-genai {@code GenerateContentResponseUsageMetadata},
 * https://googleapis.github.io/js-genai/release_docs/classes/types.GenerateContentResponseUsageMetadata.html, and
 * the Firebase AI {@code UsageMetadata}, https://firebase.google.com/docs/reference/js/ai.usagemetadata):
 * <ul>
 *   <li>{@code promptTokenCount}: "the total number of tokens in the prompt ... When cached_content is set, this
 *       also includes the number of tokens in the cached content" (so cached tokens are inside it);</li>
 *   <li>{@code cachedContentTokenCount}: the prompt tokens served from the cache (explicit or implicit);</li>
 *   <li>{@code candidatesTokenCount}: the tokens of the generated candidates, without thoughts;</li>
 *   <li>{@code thoughtsTokenCount}: the thinking tokens;</li>
 *   <li>{@code toolUsePromptTokenCount}: "the number of tokens in the results from tool executions, which are
 *       provided back to the model as input";</li>
 *   <li>{@code totalTokenCount}: "the sum of prompt_token_count, candidates_token_count,
 *       tool_use_prompt_token_count, and thoughts_token_count" (which is how we know candidates exclude
 *       thoughts and the tool-use prompt is not inside the prompt count).</li>
 * </ul>
 * Gemini bills thinking as output, so thoughts are the reasoning bucket and candidates the plain output.
 */
public final class GeminiUsage {

    private GeminiUsage() {
    }

    /**
     * Reads a {@code usageMetadata} object: {@code Usage(input = prompt - cached + toolUsePrompt, cached, 0, 0,
     * output = candidates, reasoning = thoughts)}. Gemini has no cache-write bucket: explicit caches are created
     * (and billed for storage) outside the generate call.
     *
     * @param usageMetadata the node; missing or null gives {@link Usage#ZERO}
     */
    public static Usage fromGemini(JsonNode usageMetadata) {
        if (usageMetadata == null || !usageMetadata.isObject()) {
            return Usage.ZERO;
        }
        long prompt = Json.count(usageMetadata, "promptTokenCount");
        long cached = Math.min(prompt, Json.count(usageMetadata, "cachedContentTokenCount"));
        long toolUse = Json.count(usageMetadata, "toolUsePromptTokenCount");
        return new Usage(prompt - cached + toolUse, cached, 0, 0, Json.count(usageMetadata, "candidatesTokenCount"),
                Json.count(usageMetadata, "thoughtsTokenCount"));
    }

    /**
     * Writes a {@code usageMetadata} object: {@code promptTokenCount} counts every input bucket (cache writes
     * included, as other providers' prompts do), {@code cachedContentTokenCount} and {@code thoughtsTokenCount}
     * only when not zero (as Gemini omits them), {@code candidatesTokenCount} the plain output,
     * {@code totalTokenCount} everything.
     */
    public static ObjectNode toGemini(Usage usage) {
        ObjectNode node = Json.object();
        node.put("promptTokenCount", usage.promptTokens());
        node.put("candidatesTokenCount", usage.outputTokens());
        node.put("totalTokenCount", usage.totalTokens());
        if (usage.cachedInputTokens() > 0) {
            node.put("cachedContentTokenCount", usage.cachedInputTokens());
        }
        if (usage.reasoningTokens() > 0) {
            node.put("thoughtsTokenCount", usage.reasoningTokens());
        }
        return node;
    }
}
