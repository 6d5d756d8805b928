package io.tollgate.node.balance;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A count within the current calendar minute, lock-free: the minute (since the epoch) and the count share one
 * atomic word, so a new minute starts from zero without a reset task. Counts saturate at 2^32 - 1.
 */
final class MinuteCounter {

    private static final long COUNT_MASK = 0xFFFF_FFFFL;

    private final AtomicLong word = new AtomicLong();

    /** The count in {@code minute}; zero when the counter last moved in another minute. */
    long count(long minute) {
        long w = word.get();
        return (w >>> 32) == minute ? w & COUNT_MASK : 0;
    }

    /** Adds one unless the count in {@code minute} already reached {@code limit}; true when it added. */
    boolean tryIncrement(long minute, long limit) {
        while (true) {
            long w = word.get();
            long count = (w >>> 32) == minute ? w & COUNT_MASK : 0;
            if (count >= limit) {
                return false;
            }
            if (word.compareAndSet(w, pack(minute, count + 1))) {
                return true;
            }
        }
    }

    /** Takes one back (a claim that did not go through), if the counter is still in {@code minute}. */
    void decrement(long minute) {
        word.getAndUpdate(w -> (w >>> 32) == minute && (w & COUNT_MASK) > 0 ? w - 1 : w);
    }

    /** Adds {@code amount} to the count in {@code minute}. */
    void add(long minute, long amount) {
        if (amount <= 0) {
            return;
        }
        word.getAndUpdate(w -> {
            long count = (w >>> 32) == minute ? w & COUNT_MASK : 0;
            return pack(minute, Math.min(COUNT_MASK, count + amount));
        });
    }

    private static long pack(long minute, long count) {
        return (minute << 32) | count;
    }
}
