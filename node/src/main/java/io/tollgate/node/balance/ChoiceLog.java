package io.tollgate.node.balance;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The last {@value #SIZE} choices of a balancer, for the shares in its report. Writers race on plain array slots:
 * a share is a statistic, and one atomic increment per choice is all the hot path pays.
 */
final class ChoiceLog {

    static final int SIZE = 1024;

    private final int[] choices = new int[SIZE];
    private final AtomicLong next = new AtomicLong();

    void record(int index) {
        choices[(int) (next.getAndIncrement() & (SIZE - 1))] = index;
    }

    /** Each key's share of the recent choices, by index; zeros before the first choice. */
    double[] shares(int keys) {
        double[] shares = new double[keys];
        long filled = Math.min(SIZE, next.get());
        if (filled == 0) {
            return shares;
        }
        int[] copy = Arrays.copyOf(choices, (int) filled);
        for (int index : copy) {
            if (index >= 0 && index < keys) {
                shares[index] += 1.0 / filled;
            }
        }
        return shares;
    }
}
