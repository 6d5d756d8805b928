package io.tollgate.ops;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Formats money, percentages and usage bars. Money stays a {@link BigDecimal} from the JSON to the screen and is
 * shown exactly: {@code 0.012} as {@code $0.012}, {@code 1} as {@code $1.00}.
 */
final class Amounts {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Amounts() {
    }

    /** {@code $} and the exact amount, with at least two decimals ({@code $0.000024}, {@code $10.00}). */
    static String usd(BigDecimal amount) {
        BigDecimal plain = amount.stripTrailingZeros();
        if (plain.scale() < 2) {
            plain = plain.setScale(2, RoundingMode.UNNECESSARY);
        }
        return (plain.signum() < 0 ? "-$" + plain.negate().toPlainString() : "$" + plain.toPlainString());
    }

    /** A percentage with one decimal ({@code 1.2%}). */
    static String percent(BigDecimal percent) {
        return percent.setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    /** A fraction (0..1) as a percentage with one decimal ({@code 0.5} as {@code 50.0%}). */
    static String fraction(BigDecimal fraction) {
        return percent(fraction.multiply(HUNDRED));
    }

    /** A number with {@code scale} decimals, rounded half up ({@code 12.5}). */
    static String decimal(BigDecimal value, int scale) {
        return value.setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }

    /** A bar of {@code width} cells, filled in proportion to {@code percent} (0..100, clamped). */
    static String bar(BigDecimal percent, int width) {
        BigDecimal clamped = percent.max(BigDecimal.ZERO).min(HUNDRED);
        int filled = clamped.multiply(BigDecimal.valueOf(width)).divide(HUNDRED, 0, RoundingMode.HALF_UP).intValue();
        return "█".repeat(filled) + "░".repeat(width - filled);
    }
}
