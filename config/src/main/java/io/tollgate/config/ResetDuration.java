package io.tollgate.config;

import java.util.Locale;
import java.util.Objects;

/**
 * How often a budget or a rate-limit window starts again: {@code 1m 5m 1h 1d 1w 1M 1Q 1Y} and any other count of
 * those units ({@code 30s} too, for windows), or {@code never} for a prepaid budget.
 *
 * @param amount how many units, at least 1 (0 only for {@link Unit#NEVER})
 * @param unit the unit
 */
public record ResetDuration(int amount, Unit unit) {

    /** A budget that never resets. */
    public static final ResetDuration NEVER = new ResetDuration(0, Unit.NEVER);

    /** The units, with their suffix in the configuration. */
    public enum Unit {
        /** Seconds ({@code s}). */
        SECOND("s"),
        /** Minutes ({@code m}). */
        MINUTE("m"),
        /** Hours ({@code h}). */
        HOUR("h"),
        /** Days ({@code d}). */
        DAY("d"),
        /** Weeks ({@code w}), starting on Monday when calendar-aligned. */
        WEEK("w"),
        /** Calendar months ({@code M}). */
        MONTH("M"),
        /** Calendar quarters ({@code Q}). */
        QUARTER("Q"),
        /** Calendar years ({@code Y}). */
        YEAR("Y"),
        /** No reset ({@code never}). */
        NEVER("");

        private final String suffix;

        Unit(String suffix) {
            this.suffix = suffix;
        }

        /** The suffix used in the configuration ({@code m}, {@code M}, ...). */
        public String suffix() {
            return suffix;
        }
    }

    public ResetDuration {
        Objects.requireNonNull(unit, "unit");
        if (unit == Unit.NEVER ? amount != 0 : amount < 1) {
            throw new IllegalArgumentException("reset duration amount must be at least 1, was " + amount);
        }
    }

    /**
     * Parses {@code 5m}, {@code 1M}, {@code 1Q}, {@code never} (case matters: {@code m} is minutes, {@code M}
     * months).
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static ResetDuration parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.trim();
        if (trimmed.toLowerCase(Locale.ROOT).equals("never")) {
            return NEVER;
        }
        if (trimmed.length() >= 2) {
            String suffix = trimmed.substring(trimmed.length() - 1);
            String number = trimmed.substring(0, trimmed.length() - 1);
            for (Unit unit : Unit.values()) {
                if (unit != Unit.NEVER && unit.suffix.equals(suffix) && number.chars().allMatch(Character::isDigit)) {
                    try {
                        return new ResetDuration(Integer.parseInt(number), unit);
                    } catch (NumberFormatException e) {
                        break;
                    }
                }
            }
        }
        throw new IllegalArgumentException("must be a duration such as 30s, 1m, 5m, 1h, 1d, 1w, 1M, 1Q, 1Y or never, was '"
                + text + "'");
    }

    /** True for {@link #NEVER}. */
    public boolean never() {
        return unit == Unit.NEVER;
    }

    /** The configuration form ({@code 5m}, {@code never}). */
    @Override
    public String toString() {
        return never() ? "never" : amount + unit.suffix;
    }
}
