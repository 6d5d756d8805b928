package io.tollgate.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/** Human-readable durations ({@code 3h 12m}) and the reset-duration syntax of the management API. */
final class Durations {

    /** The API's reset durations: a count and a unit ({@code 30s 5m 1h 1d 1w 1M 1Q 1Y}) or {@code never}. */
    private static final Pattern RESET = Pattern.compile("[0-9]+[smhdwMQY]|never");
    private static final long[] UNIT_SECONDS = {86_400, 3_600, 60, 1};
    private static final String[] UNIT_NAMES = {"d", "h", "m", "s"};

    private Durations() {
    }

    /** The two largest units of a duration: {@code 45s}, {@code 2m 5s}, {@code 3h 12m}, {@code 2d 4h}; zeros dropped. */
    static String human(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        for (int i = 0; i < UNIT_SECONDS.length; i++) {
            long count = seconds / UNIT_SECONDS[i];
            if (count == 0 && i < UNIT_SECONDS.length - 1) {
                continue;
            }
            String text = count + UNIT_NAMES[i];
            if (i + 1 < UNIT_SECONDS.length) {
                long next = seconds % UNIT_SECONDS[i] / UNIT_SECONDS[i + 1];
                if (next > 0) {
                    text += " " + next + UNIT_NAMES[i + 1];
                }
            }
            return text;
        }
        throw new AssertionError("unreachable");
    }

    /** When {@code at} comes, seen from {@code now}: {@code in 3h 12m}, or {@code now} when it is due or past. */
    static String until(Instant at, Instant now) {
        Duration left = Duration.between(now, at);
        return left.getSeconds() < 1 ? "now" : "in " + human(left);
    }

    /**
     * Checks a reset duration.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    static String reset(String text) {
        if (!RESET.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; use a count and a unit "
                    + "(30s, 5m, 1h, 1d, 1w, 1M, 1Q, 1Y) or never");
        }
        return text;
    }
}
