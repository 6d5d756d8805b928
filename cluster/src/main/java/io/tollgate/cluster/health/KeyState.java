package io.tollgate.cluster.health;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A provider key's shared state.
 *
 * @param status available, cooling down or dead
 * @param until when a cooling or dead key may be tried again; empty when available
 * @param reason why (for people: the status code and the upstream's words, never a key value)
 * @param since when the state began
 */
public record KeyState(Status status, Optional<Instant> until, String reason, Instant since) {

    /** Available since the epoch: the state of a key nobody has complained about. */
    public static final KeyState AVAILABLE = new KeyState(Status.AVAILABLE, Optional.empty(), "", Instant.EPOCH);

    public KeyState {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(since, "since");
        if (status != Status.AVAILABLE && until.isEmpty()) {
            throw new IllegalArgumentException("a " + status + " key needs a time it may be tried again");
        }
    }

    /** True when the key may serve at {@code now}: available, or its cool-down or death has passed. */
    public boolean usableAt(Instant now) {
        return status == Status.AVAILABLE || !now.isBefore(until.orElseThrow());
    }

    /** A key's status. */
    public enum Status {
        /** Serving. */
        AVAILABLE,
        /** Answered 429: no traffic until its cool-down ends. */
        COOLING,
        /** Answered 401/403: no traffic until probed again. */
        DEAD
    }
}
