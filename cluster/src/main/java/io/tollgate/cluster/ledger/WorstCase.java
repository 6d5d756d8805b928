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

    /**
     * The cost of {@code tokens} output tokens, rounded up to the next nano-dollar. Exact whenever the cost fits in
     * a {@code long}: a billion tokens at $10,000 per million is 10^16 nano-dollars, though tokens times the rate
     * per million is 10^22.
     *
     * @throws ArithmeticException when the cost does not fit
     */
    public long outputNanos(long tokens) {
        long whole = outputNanosPerMillionTokens / 1_000_000L;
        long part = outputNanosPerMillionTokens % 1_000_000L;
        // tokens * rate / 10^6 = tokens * whole + tokens * part / 10^6, the second product below 10^6 * tokens
        return Math.addExact(Math.multiplyExact(tokens, whole),
                Math.ceilDiv(Math.multiplyExact(tokens, part), 1_000_000L));
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
