package io.tollgate.cluster.reconcile;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A quantity split by the token types a provider bills at different rates: tokens, or what those tokens cost in
 * nano-dollars. Each part is empty where the report does not state it.
 *
 * @param input plain (uncached) input
 * @param cachedInput input read from the provider's prompt cache
 * @param cacheWrite input written to a prompt cache (5-minute and 1-hour writes together)
 * @param output output, reasoning included
 */
public record ByType(OptionalLong input, OptionalLong cachedInput, OptionalLong cacheWrite, OptionalLong output) {

    /** Nothing stated. */
    public static final ByType NONE = new ByType(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
            OptionalLong.empty());

    public ByType {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(cachedInput, "cachedInput");
        Objects.requireNonNull(cacheWrite, "cacheWrite");
        Objects.requireNonNull(output, "output");
        for (OptionalLong part : new OptionalLong[] {input, cachedInput, cacheWrite, output}) {
            if (part.isPresent() && part.getAsLong() < 0) {
                throw new IllegalArgumentException("by-type amounts must not be negative, were " + text(input) + ", "
                        + text(cachedInput) + ", " + text(cacheWrite) + ", " + text(output));
            }
        }
    }

    /** Every part stated. */
    public static ByType of(long input, long cachedInput, long cacheWrite, long output) {
        return new ByType(OptionalLong.of(input), OptionalLong.of(cachedInput), OptionalLong.of(cacheWrite),
                OptionalLong.of(output));
    }

    /** True when no part is stated. */
    public boolean isEmpty() {
        return input.isEmpty() && cachedInput.isEmpty() && cacheWrite.isEmpty() && output.isEmpty();
    }

    /** The sum of the stated parts (zero when none is). */
    public long total() {
        return input.orElse(0) + cachedInput.orElse(0) + cacheWrite.orElse(0) + output.orElse(0);
    }

    /** The part-wise sum; a part is stated when either side states it. */
    public ByType plus(ByType other) {
        return new ByType(add(input, other.input), add(cachedInput, other.cachedInput),
                add(cacheWrite, other.cacheWrite), add(output, other.output));
    }

    private static OptionalLong add(OptionalLong a, OptionalLong b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() ? a : OptionalLong.of(Math.addExact(a.getAsLong(), b.getAsLong()));
    }

    private static String text(OptionalLong value) {
        return value.isPresent() ? Long.toString(value.getAsLong()) : "-";
    }
}
