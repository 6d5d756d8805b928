/**
 * The durable request log: one {@link io.tollgate.cluster.log.LogRecord} per request, offered to a
 * {@link io.tollgate.cluster.log.RequestLog} that writes it asynchronously in batches to the state store's database
 * (table {@code request_log}), never blocking the request, and answers filtered, cursor-paged queries, streaming
 * exports and spend totals. {@link io.tollgate.cluster.log.JdbcRequestLog} is the implementation.
 */
package io.tollgate.cluster.log;
