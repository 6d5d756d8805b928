package io.tollgate.node.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.cluster.log.LogRecord;

/**
 * The request log's rows in the JSON the management API shows ({@code /api/logs}, the JSON lines export), for the
 * other surfaces that write rows out (log shipping): one shape everywhere.
 */
public final class LogJson {

    private LogJson() {
    }

    /**
     * A row as {@code GET /api/logs} shows it, with its {@code attempt_log}.
     *
     * @param bodies whether to include the request and response bodies the row carries
     */
    public static ObjectNode json(LogRecord row, boolean bodies) {
        return LogAdmin.json(row, bodies);
    }
}
