package io.tollgate.node.balance;

import java.util.random.RandomGenerator;

/**
 * The key with the lowest score: its latency average, or its requests in flight relative to its weight. Ties go to
 * the higher weight; keys tied on both are taken in turn from a random starting point, so equal keys share.
 */
final class LeastPicker implements Picker {

    static final boolean LATENCY = true;
    static final boolean BUSY = false;

    private final RandomGenerator random;
    private final boolean latency;

    LeastPicker(RandomGenerator random, boolean latency) {
        this.random = random;
        this.latency = latency;
    }

    @Override
    public int pick(KeySlot[] slots, long eligible, long nowMillis, double meanLatencyMs) {
        int n = slots.length;
        int start = random.nextInt(n);
        int best = -1;
        double bestScore = 0;
        for (int k = 0; k < n; k++) {
            int i = (start + k) % n;
            if ((eligible & (1L << i)) == 0) {
                continue;
            }
            double score = latency ? slots[i].latencyMs(nowMillis, meanLatencyMs)
                    : slots[i].inFlight.get() / (double) slots[i].weight;
            if (Double.isNaN(score)) {
                score = 0; // no latency sample anywhere yet: every key is equal
            }
            if (best < 0 || score < bestScore || score == bestScore && slots[i].weight > slots[best].weight) {
                best = i;
                bestScore = score;
            }
        }
        return best;
    }
}
