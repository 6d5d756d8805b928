package io.tollgate.node.balance;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The last {@code size} outcomes of a key (failed or not), lock-free in one atomic word: bits 0 to 55 hold the
 * outcomes (1 = failed, newest lowest), bits 56 to 62 how many there are.
 */
final class OutcomeWindow {

    private static final int COUNT_SHIFT = 56;
    private static final long BITS_MASK = (1L << COUNT_SHIFT) - 1;

    private final int size;
    private final long mask;
    private final AtomicLong word = new AtomicLong();

    OutcomeWindow(int size) {
        this.size = size;
        this.mask = size == 64 ? -1L : (1L << size) - 1;
    }

    void record(boolean failed) {
        word.getAndUpdate(w -> {
            long bits = (((w & BITS_MASK) << 1) | (failed ? 1 : 0)) & mask;
            long count = Math.min(size, (w >>> COUNT_SHIFT) + 1);
            return (count << COUNT_SHIFT) | bits;
        });
    }

    void clear() {
        word.set(0);
    }

    int samples() {
        return (int) (word.get() >>> COUNT_SHIFT);
    }

    int failures() {
        return Long.bitCount(word.get() & BITS_MASK);
    }

    /** True when the window is full and at least {@code percent} of it failed. */
    boolean atLeast(int percent) {
        long w = word.get();
        long count = w >>> COUNT_SHIFT;
        return count >= size && Long.bitCount(w & BITS_MASK) * 100L >= (long) percent * count;
    }

    /** The share of failures, 0 without outcomes. */
    double errorRate() {
        long w = word.get();
        long count = w >>> COUNT_SHIFT;
        return count == 0 ? 0 : Long.bitCount(w & BITS_MASK) / (double) count;
    }
}
