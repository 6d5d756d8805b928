package io.tollgate.node.balance;

/**
 * Smooth weighted round robin, as nginx does it: every eligible key gains its weight, the key with the most is
 * chosen and pays back the total. Weights 5:1:1 give a a b a c a a, not a a a a a b c. Keys that are not eligible
 * sit the round out. The one lock is held for a pass over the keys.
 */
final class RoundRobinPicker implements Picker {

    private final long[] current;

    RoundRobinPicker(int keys) {
        this.current = new long[keys];
    }

    @Override
    public synchronized int pick(KeySlot[] slots, long eligible, long nowMillis, double meanLatencyMs) {
        long total = 0;
        int best = -1;
        for (long m = eligible; m != 0; m &= m - 1) {
            int i = Long.numberOfTrailingZeros(m);
            current[i] += slots[i].weight;
            total += slots[i].weight;
            if (best < 0 || current[i] > current[best]) {
                best = i;
            }
        }
        current[best] -= total;
        return best;
    }
}
