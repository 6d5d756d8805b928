package io.tollgate.config;

import java.util.Objects;

/**
 * A secret value such as a provider API key. Its {@link #toString()} never shows the value, so a secret that
 * reaches a log line, an error message or a record's {@code toString} stays hidden; {@link #reveal()} is the
 * one way to read it and is meant for the code that puts it on the wire.
 *
 * @param value the secret itself, never blank
 */
public record Secret(String value) {

    public Secret {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a secret must not be blank");
        }
    }

    /** Returns the secret in clear text: only for the code that sends it upstream. */
    public String reveal() {
        return value;
    }

    /** A form safe to show to people: at most the first three and last four characters of a long value. */
    public String masked() {
        if (value.length() < 16) {
            return "****";
        }
        return value.substring(0, 3) + "..." + value.substring(value.length() - 4);
    }

    @Override
    public String toString() {
        return masked();
    }
}
