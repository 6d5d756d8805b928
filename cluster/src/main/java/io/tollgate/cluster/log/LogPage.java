package io.tollgate.cluster.log;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a {@link LogQuery}, newest first.
 *
 * @param rows the rows, at most the query's limit
 * @param nextCursor where the next page starts; empty on the last page
 */
public record LogPage(List<LogRecord> rows, Optional<String> nextCursor) {

    public LogPage {
        rows = List.copyOf(rows);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
