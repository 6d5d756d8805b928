package io.tollgate.bench.load;

import org.HdrHistogram.Histogram;

/**
 * A latency distribution's summary, in nanoseconds.
 *
 * @param count values recorded
 * @param p50 median
 * @param p90 90th percentile
 * @param p99 99th percentile
 * @param p999 99.9th percentile
 * @param max the largest value
 */
public record Percentiles(long count, long p50, long p90, long p99, long p999, long max) {

    public Percentiles {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
    }

    /** The summary of a histogram of nanoseconds. */
    public static Percentiles of(Histogram histogram) {
        return new Percentiles(histogram.getTotalCount(), histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(90), histogram.getValueAtPercentile(99),
                histogram.getValueAtPercentile(99.9), histogram.getMaxValue());
    }

    /** The five values in table order: p50, p90, p99, p99.9, max. */
    public long[] values() {
        return new long[] {p50, p90, p99, p999, max};
    }
}
