/**
 * The durable request log: one {@link io.tollgate.cluster.log.LogRecord} per request, with one
 * {@link io.tollgate.cluster.log.AttemptRecord} per upstream call it made, offered to a
 * {@link io.tollgate.cluster.log.RequestLog} that writes it asynchronously in batches to the state store's database
 * (tables {@code request_log} and {@code request_log_attempts}), never blocking the request, and answers
 * filtered, cursor-paged queries, single-request lookups, streaming exports and spend totals.
 * {@link io.tollgate.cluster.log.JdbcRequestLog} is the implementation. {@link io.tollgate.cluster.log.LogExport}
 * ({@link io.tollgate.cluster.log.JdbcLogExport}) keeps the cluster-wide position of each export of the log to an
 * object store, so a scheduled export writes every row exactly once.
 */
package io.tollgate.cluster.log;
