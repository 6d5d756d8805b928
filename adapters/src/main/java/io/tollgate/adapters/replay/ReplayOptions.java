package io.tollgate.adapters.replay;

import java.util.Objects;

/**
 * How to stamp a replayed answer.
 *
 * @param id the id the replayed response carries (OpenAI {@code chatcmpl-...}, Anthropic {@code msg_...}); not blank
 * @param createdEpochSeconds the OpenAI {@code created} time, epoch seconds; not negative (Anthropic has none)
 * @param includeUsage OpenAI {@code stream_options.include_usage}: when true a replayed stream ends with the usage
 *     chunk (empty {@code choices}) and every other chunk carries {@code "usage": null}, as OpenAI streams them;
 *     ignored for Anthropic, whose events always carry usage
 */
public record ReplayOptions(String id, long createdEpochSeconds, boolean includeUsage) {

    /**
     * Validates the options.
     *
     * @throws NullPointerException when {@code id} is null
     * @throws IllegalArgumentException when {@code id} is blank or {@code createdEpochSeconds} is negative
     */
    public ReplayOptions {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank, was '" + id + "'");
        }
        if (createdEpochSeconds < 0) {
            throw new IllegalArgumentException(
                    "createdEpochSeconds must not be negative, was " + createdEpochSeconds);
        }
    }
}
