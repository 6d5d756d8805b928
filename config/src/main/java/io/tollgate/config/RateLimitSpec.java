package io.tollgate.config;

import java.util.Objects;

/**
 * Request and token rate limits of a virtual key or of one provider config of a key. A limit of 0 means none.
 *
 * @param requestMaxLimit requests allowed per request window, 0 for no request limit
 * @param requestResetDuration the request window
 * @param tokenMaxLimit tokens (input + output) allowed per token window, 0 for no token limit
 * @param tokenResetDuration the token window
 */
public record RateLimitSpec(long requestMaxLimit, ResetDuration requestResetDuration, long tokenMaxLimit,
                            ResetDuration tokenResetDuration) {

    public RateLimitSpec {
        Objects.requireNonNull(requestResetDuration, "requestResetDuration");
        Objects.requireNonNull(tokenResetDuration, "tokenResetDuration");
        if (requestMaxLimit < 0) {
            throw new IllegalArgumentException("request_max_limit must not be negative, was " + requestMaxLimit);
        }
        if (tokenMaxLimit < 0) {
            throw new IllegalArgumentException("token_max_limit must not be negative, was " + tokenMaxLimit);
        }
        if (requestMaxLimit > 0 && requestResetDuration.never()) {
            throw new IllegalArgumentException("request_reset_duration must be a duration when request_max_limit is set");
        }
        if (tokenMaxLimit > 0 && tokenResetDuration.never()) {
            throw new IllegalArgumentException("token_reset_duration must be a duration when token_max_limit is set");
        }
    }
}
