package io.tollgate.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The management API's credentials.
 *
 * @param token the bootstrap admin bearer token (role {@code admin}, not scoped); empty when not configured. Further
 *     tokens with roles are created through the API and kept hashed in the database
 * @param loginFailuresPerMinute how many failed authentications one client address may make per minute before the
 *     management API answers it 429 until the minute is over ({@code admin.login_failures_per_minute}, 10 by default)
 */
public record AdminConfig(Optional<Secret> token, int loginFailuresPerMinute) {

    /** The default allowance of failed authentications per client address and minute. */
    public static final int DEFAULT_LOGIN_FAILURES_PER_MINUTE = 10;

    /** No admin token. */
    public static final AdminConfig NONE = new AdminConfig(Optional.empty());

    /** A token (or none) with the default failure allowance. */
    public AdminConfig(Optional<Secret> token) {
        this(token, DEFAULT_LOGIN_FAILURES_PER_MINUTE);
    }

    public AdminConfig {
        Objects.requireNonNull(token, "token");
        if (loginFailuresPerMinute < 1) {
            throw new IllegalArgumentException("login_failures_per_minute must be at least 1, was "
                    + loginFailuresPerMinute);
        }
    }
}
