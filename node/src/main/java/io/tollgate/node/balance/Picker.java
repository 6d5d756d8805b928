package io.tollgate.node.balance;

import java.util.random.RandomGenerator;

/**
 * One strategy's choice among the eligible keys, given as a bit mask of slot indexes (never empty). Thread-safe
 * when the random generator is.
 */
interface Picker {

    /** The index of the chosen key; its bit is set in {@code eligible}. */
    int pick(KeySlot[] slots, long eligible, long nowMillis, double meanLatencyMs);

    static Picker of(Strategy strategy, int keys, RandomGenerator random) {
        return switch (strategy) {
            case ADAPTIVE -> new AdaptivePicker(random);
            case WEIGHTED_RANDOM -> (slots, eligible, now, mean) -> drawByWeight(slots, eligible, random);
            case ROUND_ROBIN -> new RoundRobinPicker(keys);
            case LEAST_LATENCY -> new LeastPicker(random, LeastPicker.LATENCY);
            case LEAST_BUSY -> new LeastPicker(random, LeastPicker.BUSY);
        };
    }

    /** A key drawn at random in proportion to weight among those in {@code eligible}. */
    static int drawByWeight(KeySlot[] slots, long eligible, RandomGenerator random) {
        if (Long.bitCount(eligible) == 1) {
            return Long.numberOfTrailingZeros(eligible);
        }
        int total = 0;
        for (long m = eligible; m != 0; m &= m - 1) {
            total += slots[Long.numberOfTrailingZeros(m)].weight;
        }
        int pick = random.nextInt(total);
        int last = 0;
        for (long m = eligible; m != 0; m &= m - 1) {
            last = Long.numberOfTrailingZeros(m);
            pick -= slots[last].weight;
            if (pick < 0) {
                return last;
            }
        }
        return last;
    }
}
