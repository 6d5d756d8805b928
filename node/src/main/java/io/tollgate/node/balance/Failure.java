package io.tollgate.node.balance;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How an {@link Attempt} failed, which decides what the key pays for it: a cool-down in the cluster, death in the
 * cluster, a mark against its circuit breaker and error rate on this node, or nothing.
 */
public sealed interface Failure {

    /** True when the failure counts against the key's circuit breaker and error rate on this node. */
    default boolean countsAgainstKey() {
        return false;
    }

    /**
     * The upstream answered 429: the key cools down on every node until {@code retryAfter} has passed, or
     * {@link KeyBalancer#DEFAULT_COOL_DOWN} when the upstream did not say.
     *
     * @param retryAfter the upstream's {@code Retry-After}, when it sent one
     */
    record RateLimited(Optional<Duration> retryAfter) implements Failure {
        public RateLimited {
            Objects.requireNonNull(retryAfter, "retryAfter");
            if (retryAfter.isPresent() && retryAfter.get().isNegative()) {
                throw new IllegalArgumentException("retryAfter must not be negative, was " + retryAfter.get());
            }
        }
    }

    /**
     * The upstream refused the key itself (401 or 403): it is dead on every node for
     * {@link KeyBalancer#DEAD_FOR}, then tried again.
     *
     * @param status the upstream's status
     */
    record Unauthorized(int status) implements Failure {
        public Unauthorized {
            if (status < 400 || status > 499) {
                throw new IllegalArgumentException("Unauthorized needs a 4xx status, was " + status);
            }
        }
    }

    /**
     * The upstream failed (5xx): counts against the key on this node.
     *
     * @param status the upstream's status
     */
    record ServerError(int status) implements Failure {
        public ServerError {
            if (status < 500 || status > 599) {
                throw new IllegalArgumentException("ServerError needs a 5xx status, was " + status);
            }
        }

        @Override
        public boolean countsAgainstKey() {
            return true;
        }
    }

    /** No connection to the upstream: counts against the key on this node. */
    record Unreachable() implements Failure {
        @Override
        public boolean countsAgainstKey() {
            return true;
        }
    }

    /** The upstream did not answer in time: counts against the key on this node. */
    record TimedOut() implements Failure {
        @Override
        public boolean countsAgainstKey() {
            return true;
        }
    }

    /** The upstream refused the request itself (a 4xx other than 401, 403, 429): the client's fault, no penalty. */
    record ClientError() implements Failure {
    }

    /** The client went away: no penalty, the attempt just ends. */
    record Cancelled() implements Failure {
    }
}
