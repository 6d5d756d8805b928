package io.tollgate.ops;

/**
 * One {@code --rate-limit-requests} or {@code --rate-limit-tokens} value, {@code N/DURATION}: {@code 600/1m} is 600
 * per minute.
 *
 * @param max      the most per window, at least 1
 * @param duration the window, a reset duration of the API ({@code 1m}, {@code 1h})
 */
record RateArg(long max, String duration) {

    RateArg {
        if (max < 1) {
            throw new IllegalArgumentException("the limit must be at least 1, was " + max);
        }
        Durations.reset(duration);
    }

    /**
     * Parses {@code N/DURATION}.
     *
     * @throws IllegalArgumentException naming the part that is wrong
     */
    static RateArg parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + text + "' is not N/DURATION, e.g. 600/1m");
        }
        long max;
        try {
            max = Long.parseLong(text.substring(0, slash).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text.substring(0, slash) + "' is not a whole number");
        }
        return new RateArg(max, text.substring(slash + 1).trim());
    }
}
