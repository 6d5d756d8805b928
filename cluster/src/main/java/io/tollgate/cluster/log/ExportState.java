package io.tollgate.cluster.log;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a sink's export stands.
 *
 * @param sink the sink
 * @param revision changes with every plan and commit
 * @param cursor the last row exported; empty before the first commit
 * @param pending the range being written, planned and not yet committed
 * @param exportedRows rows committed so far
 * @param exportedObjects objects committed so far
 * @param lastObject the name of the last object committed
 * @param leaseOwner the node that holds or last held the lease
 * @param leaseUntil when that lease ends, by the database's clock
 * @param updatedAt the last plan or commit, by the database's clock; empty before the first
 */
public record ExportState(String sink, long revision, Optional<ExportPosition> cursor, Optional<ExportBatch> pending,
                          long exportedRows, long exportedObjects, Optional<String> lastObject,
                          Optional<String> leaseOwner, Optional<Instant> leaseUntil, Optional<Instant> updatedAt) {

    public ExportState {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(cursor, "cursor");
        Objects.requireNonNull(pending, "pending");
        Objects.requireNonNull(lastObject, "lastObject");
        Objects.requireNonNull(leaseOwner, "leaseOwner");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
