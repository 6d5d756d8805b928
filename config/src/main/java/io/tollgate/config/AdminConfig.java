package io.tollgate.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The management API's credentials.
 *
 * @param token the admin bearer token; empty when not configured (the management API then refuses everyone)
 */
public record AdminConfig(Optional<Secret> token) {

    /** No admin token. */
    public static final AdminConfig NONE = new AdminConfig(Optional.empty());

    public AdminConfig {
        Objects.requireNonNull(token, "token");
    }
}
