package io.tollgate.adapters;

/**
 * Token usage of one upstream call, split into buckets that are each priced at one rate. The buckets do not
 * overlap: {@link #promptTokens()} and {@link #completionTokens()} add them up the way providers report totals.
 *
 * @param inputTokens input tokens billed at the plain input rate (neither read from nor written to a prompt cache)
 * @param cachedInputTokens input tokens read from the provider's prompt cache (OpenAI {@code cached_tokens},
 *     Anthropic {@code cache_read_input_tokens})
 * @param cacheWriteTokens input tokens written to a 5-minute prompt cache (Anthropic)
 * @param cacheWrite1hTokens input tokens written to a 1-hour prompt cache (Anthropic)
 * @param outputTokens output tokens other than reasoning
 * @param reasoningTokens reasoning (thinking) output tokens that the provider reports separately
 */
public record Usage(long inputTokens, long cachedInputTokens, long cacheWriteTokens, long cacheWrite1hTokens,
                    long outputTokens, long reasoningTokens) {

    /** No tokens at all. */
    public static final Usage ZERO = new Usage(0, 0, 0, 0, 0, 0);

    public Usage {
        if (inputTokens < 0 || cachedInputTokens < 0 || cacheWriteTokens < 0 || cacheWrite1hTokens < 0
                || outputTokens < 0 || reasoningTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative: " + inputTokens + ", "
                    + cachedInputTokens + ", " + cacheWriteTokens + ", " + cacheWrite1hTokens + ", "
                    + outputTokens + ", " + reasoningTokens);
        }
    }

    /** Only plain input and output tokens. */
    public static Usage of(long inputTokens, long outputTokens) {
        return new Usage(inputTokens, 0, 0, 0, outputTokens, 0);
    }

    /** All input tokens, as OpenAI's {@code prompt_tokens} counts them. */
    public long promptTokens() {
        return saturated(saturated(inputTokens, cachedInputTokens), saturated(cacheWriteTokens, cacheWrite1hTokens));
    }

    /** All output tokens, as OpenAI's {@code completion_tokens} counts them. */
    public long completionTokens() {
        return saturated(outputTokens, reasoningTokens);
    }

    /** Input and output together. */
    public long totalTokens() {
        return saturated(promptTokens(), completionTokens());
    }

    /** The bucket-wise sum of two usages. */
    public Usage plus(Usage other) {
        return new Usage(inputTokens + other.inputTokens, cachedInputTokens + other.cachedInputTokens,
                cacheWriteTokens + other.cacheWriteTokens, cacheWrite1hTokens + other.cacheWrite1hTokens,
                outputTokens + other.outputTokens, reasoningTokens + other.reasoningTokens);
    }

    /**
     * A sum of two counts that stops at {@link Long#MAX_VALUE} instead of wrapping negative: an upstream may report
     * an absurd count (a JSON number beyond 2^63 reads as {@code Long.MAX_VALUE}), and a usage is never negative.
     */
    private static long saturated(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
