package io.tollgate.cluster.log;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Objects;

/**
 * A request log row's place in store order, the order rows are exported in: by the time the database stored the row
 * (column {@code stored_at}, the inserting transaction's start by the database's clock), then request id, then the
 * request's time. Unlike the request's own time, the store time only grows as rows are written, so a row written
 * late with an early request time (a long request, a writer backlog, usage ingested after the fact) still comes
 * after any position exported before it was stored.
 *
 * @param storedAt when the database stored the row, to the microsecond
 * @param requestId the row's request id
 * @param loggedAt the row's request time, to the microsecond
 */
public record ExportPosition(Instant storedAt, String requestId, Instant loggedAt)
        implements Comparable<ExportPosition> {

    private static final Comparator<ExportPosition> ORDER = Comparator.comparing(ExportPosition::storedAt)
            .thenComparing(ExportPosition::requestId).thenComparing(ExportPosition::loggedAt);

    public ExportPosition {
        Objects.requireNonNull(storedAt, "storedAt");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(loggedAt, "loggedAt");
        storedAt = storedAt.truncatedTo(ChronoUnit.MICROS);
        loggedAt = loggedAt.truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public int compareTo(ExportPosition other) {
        return ORDER.compare(this, other);
    }

    /** A stable text form: {@code <stored_at>|<logged_at>|<request id>} with ISO-8601 instants. */
    public String text() {
        return storedAt + "|" + loggedAt + "|" + requestId;
    }
}
