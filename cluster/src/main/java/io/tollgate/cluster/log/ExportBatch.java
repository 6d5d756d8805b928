package io.tollgate.cluster.log;

import java.util.Objects;
import java.util.Optional;

/**
 * One planned range of the request log for a sink: the rows after {@code after} (from the first row when empty) up
 * to and including {@code last}, in store order (see {@link ExportPosition}). A range is recorded before any of it
 * is written and stays the same until committed, so every attempt at it, by any node and after any crash, reads the
 * same rows and writes the same objects.
 *
 * @param sink the sink it is planned for
 * @param revision the sink's revision once this range was planned; committing is a compare-and-set on it
 * @param after the last row of the range before, exclusive; empty for the sink's first range
 * @param last the range's last row, inclusive
 * @param rows how many rows the range held when it was planned
 */
public record ExportBatch(String sink, long revision, Optional<ExportPosition> after, ExportPosition last, int rows) {

    public ExportBatch {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(last, "last");
        after.ifPresent(start -> {
            if (start.compareTo(last) >= 0) {
                throw new IllegalArgumentException("an export range must end after it starts: " + start.text()
                        + " is not before " + last.text());
            }
        });
        if (rows < 1) {
            throw new IllegalArgumentException("an export range holds at least one row, was " + rows);
        }
    }

    /** A stable text naming the range: its bounds, for object names derived from it. */
    public String text() {
        return after.map(ExportPosition::text).orElse("start") + ".." + last.text();
    }
}
