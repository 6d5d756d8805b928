package io.tollgate.cluster.ledger;

/**
 * The most a request can cost: its input part (prompt tokens counted or safely over-estimated, at the input rate)
 * plus its output allowance at the output rate. Kept in parts so a clamping budget can lower the output allowance.
 *
 * @param inputNanos the cost of the input, in nano-dollars
 * @param outputTokens the output tokens allowed ({@code max_tokens} or the default allowance)
 * @param outputNanosPerMillionTokens the output rate, in nano-dollars per one million tokens
 * @param inputTokens the input tokens (counted or over-estimated), for token windows
 */
public record WorstCase(long inputNanos, long outputTokens, long outputNanosPerMillionTokens, long inputTokens) {

    public WorstCase {
        if (inputNanos < 0 || outputTokens < 0 || outputNanosPerMillionTokens < 0 || inputTokens < 0) {
            throw new IllegalArgumentException("worst case parts must not be negative");
        }
    }

    /** The cost of {@code tokens} output tokens, rounded up to the next nano-dollar. */
    public long outputNanos(long tokens) {
        return Math.ceilDiv(Math.multiplyExact(tokens, outputNanosPerMillionTokens), 1_000_000L);
    }

    /** The whole worst-case cost. */
    public long totalNanos() {
        return Math.addExact(inputNanos, outputNanos(outputTokens));
    }

    /** Input and output tokens together. */
    public long totalTokens() {
        return Math.addExact(inputTokens, outputTokens);
    }
}
