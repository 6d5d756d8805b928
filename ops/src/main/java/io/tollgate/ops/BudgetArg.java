package io.tollgate.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

/**
 * One {@code --budget MAX:DURATION[:mode]} value: {@code 10:1M} is ten dollars a month, {@code 1.5:1d:soft} a soft
 * daily budget of a dollar fifty. The amount is exact ({@link BigDecimal}, never a double) and is written as a JSON
 * number in plain notation.
 *
 * @param maxLimit      the limit in USD, zero or more
 * @param resetDuration the API's reset duration ({@code 1d}, {@code 1M}, {@code never})
 * @param mode          {@code hard} or {@code soft}; empty leaves the node's default
 */
record BudgetArg(BigDecimal maxLimit, String resetDuration, Optional<String> mode) {

    BudgetArg {
        if (maxLimit.signum() < 0) {
            throw new IllegalArgumentException("the amount must be zero or more, was " + maxLimit.toPlainString());
        }
        Durations.reset(resetDuration);
        mode.ifPresent(value -> {
            if (!value.equals("hard") && !value.equals("soft")) {
                throw new IllegalArgumentException("the mode must be hard or soft, was '" + value + "'");
            }
        });
    }

    /**
     * Parses {@code MAX:DURATION[:mode]}.
     *
     * @throws IllegalArgumentException naming the part that is wrong
     */
    static BudgetArg parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("'" + text + "' is not MAX:DURATION[:mode], e.g. 10:1M or 1.5:1d:soft");
        }
        BigDecimal max;
        try {
            max = new BigDecimal(parts[0].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + parts[0] + "' is not an amount in USD, e.g. 10 or 1.5");
        }
        Optional<String> mode = parts.length == 3 ? Optional.of(parts[2].trim().toLowerCase(Locale.ROOT))
                : Optional.empty();
        return new BudgetArg(max, parts[1].trim(), mode);
    }

    /** The API's budget object: {@code {"max_limit":10,"reset_duration":"1M"}} (and {@code "mode"} when given). */
    ObjectNode json() {
        ObjectNode node = Json.object().put("max_limit", maxLimit).put("reset_duration", resetDuration);
        mode.ifPresent(value -> node.put("mode", value));
        return node;
    }
}
