package io.tollgate.cluster.access;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which audit rows to read, newest first.
 *
 * @param entityType only this kind of thing
 * @param entityId only this thing
 * @param actorId only changes by this token
 * @param action only this action
 * @param from the first instant included
 * @param to the first instant excluded
 * @param beforeId only rows older than this row number (the next page's cursor)
 * @param limit at most this many rows, 1 to 1000
 */
public record AuditQuery(Optional<String> entityType, Optional<String> entityId, Optional<String> actorId,
                         Optional<String> action, Optional<Instant> from, Optional<Instant> to,
                         Optional<Long> beforeId, int limit) {

    /** The most rows one page may ask for. */
    public static final int MAX_LIMIT = 1000;

    /** Every row (for exports, which stream). */
    public static final AuditQuery ALL = new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), MAX_LIMIT);

    public AuditQuery {
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(beforeId, "beforeId");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }
}
