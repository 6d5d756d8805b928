package io.tollgate.cluster.access;

import java.util.Objects;

/**
 * A token just created, with its value: shown once to whoever created it, never stored or shown again.
 *
 * @param token the stored token
 * @param value the bearer value ({@code tga-...}); {@link #toString()} leaves it out
 */
public record CreatedAdminToken(AdminToken token, String value) {

    public CreatedAdminToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "CreatedAdminToken[token=" + token + ", value=<hidden>]";
    }
}
