package io.tollgate.node.balance;

import java.util.random.RandomGenerator;

/**
 * Power of two choices: draws a first key by weight, then a second, distinct one by weight, and keeps the first
 * unless the second is cheaper by more than {@link #TIE} ({@link KeySlot#cost}). Keeping the first on near-ties
 * means keys of equal quality share traffic exactly by weight, and noise in the averages does not flatten the
 * weights. With probability {@link #EXPLORE} the first is kept regardless, so a key that lost every comparison
 * still gets samples and can earn its share back.
 */
final class AdaptivePicker implements Picker {

    /** Cost difference below which two keys count as equal. */
    static final double TIE = 0.10;
    /** Share of choices that keep the first draw whatever the costs (exploration). */
    static final double EXPLORE = 0.02;

    private final RandomGenerator random;

    AdaptivePicker(RandomGenerator random) {
        this.random = random;
    }

    @Override
    public int pick(KeySlot[] slots, long eligible, long nowMillis, double meanLatencyMs) {
        int first = Picker.drawByWeight(slots, eligible, random);
        long rest = eligible & ~(1L << first);
        if (rest == 0 || random.nextDouble() < EXPLORE) {
            return first;
        }
        int second = Picker.drawByWeight(slots, rest, random);
        double firstCost = slots[first].cost(nowMillis, meanLatencyMs);
        double secondCost = slots[second].cost(nowMillis, meanLatencyMs);
        return secondCost * (1 + TIE) < firstCost ? second : first;
    }
}
