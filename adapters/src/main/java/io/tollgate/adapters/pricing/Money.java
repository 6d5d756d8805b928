package io.tollgate.adapters.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An amount of US dollars in integer nano-dollars (10^-9 USD). Cheap models cost fractions of a micro-dollar per
 * token, so nano-dollars are the coarsest unit that stays exact per token.
 *
 * @param nanos the amount in nano-dollars
 */
public record Money(long nanos) implements Comparable<Money> {

    /** Nothing. */
    public static final Money ZERO = new Money(0);

    /** Nano-dollars in one dollar. */
    public static final long NANOS_PER_USD = 1_000_000_000L;

    /** The amount of this many nano-dollars. */
    public static Money ofNanos(long nanos) {
        return nanos == 0 ? ZERO : new Money(nanos);
    }

    /**
     * Exactly this many dollars.
     *
     * @throws ArithmeticException if the amount has more than nine decimal places or does not fit
     */
    public static Money ofUsd(BigDecimal usd) {
        // refused before the arithmetic, which for 1e100000000 or 1e-100000000 would run for minutes: more than 19
        // digits before the point overflow a long of nano-dollars, more than 9 after it are not exact
        BigDecimal exact = usd.stripTrailingZeros();
        if (exact.scale() > 9) {
            throw new ArithmeticException("more than nine decimal places: " + usd.precision() + " digits, scale "
                    + usd.scale());
        }
        if ((long) exact.precision() - exact.scale() > 19) {
            throw new ArithmeticException("too large for nano-dollars: " + exact.precision() + " digits, scale "
                    + exact.scale());
        }
        return new Money(exact.movePointRight(9).setScale(0, RoundingMode.UNNECESSARY).longValueExact());
    }

    /** Exactly this many dollars, written as a decimal string ({@code "0.15"}). */
    public static Money ofUsd(String usd) {
        return ofUsd(new BigDecimal(usd));
    }

    /** The amount in dollars, exact. */
    public BigDecimal usd() {
        return BigDecimal.valueOf(nanos, 9);
    }

    /** The amount as a plain decimal string without trailing zeros ({@code "0.000123"}, {@code "0"}). */
    public String toUsdString() {
        if (nanos == 0) {
            return "0";
        }
        return usd().stripTrailingZeros().toPlainString();
    }

    /** This amount plus another. */
    public Money plus(Money other) {
        return ofNanos(Math.addExact(nanos, other.nanos));
    }

    /** This amount minus another. */
    public Money minus(Money other) {
        return ofNanos(Math.subtractExact(nanos, other.nanos));
    }

    /** True if the amount is above zero. */
    public boolean isPositive() {
        return nanos > 0;
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(nanos, other.nanos);
    }

    @Override
    public String toString() {
        return "$" + toUsdString();
    }
}
