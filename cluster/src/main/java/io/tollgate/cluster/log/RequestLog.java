package io.tollgate.cluster.log;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The durable request log of a node. Writes are asynchronous: {@link #offer} puts a record on a bounded queue that
 * one background thread drains in batches into the database; a record is visible to queries once written (call
 * {@link #flush()} to wait for that). Queries read every node's rows (the database is shared).
 *
 * <p>Thread-safe: any thread may offer, query and flush concurrently. Query methods run on the caller's thread and
 * throw {@link io.tollgate.cluster.store.StoreException} when the database fails.
 */
public interface RequestLog extends AutoCloseable {

    /**
     * Queues a record for writing. Never blocks and never throws for a full queue or a failing database.
     *
     * @return true when queued; false when the queue is full or the log closed (the record is dropped and counted)
     */
    boolean offer(LogRecord record);

    /** The queue's depth and counters now. */
    QueueStats stats();

    /**
     * One page of rows matching the query, newest first (time, then request id, descending), each with its
     * attempts.
     *
     * @throws IllegalArgumentException when the cursor is not one this log issued
     */
    LogPage query(LogQuery query);

    /**
     * The row of one request, with its attempts; empty when the log has none (not written yet, never, or expired).
     */
    Optional<LogRecord> find(String requestId);

    /**
     * Streams every row (each with its attempts) matching the query's filters, newest first, from its cursor on,
     * ignoring its limit; rows are read in chunks, never all at once. The consumer runs on the caller's thread;
     * what it throws ends the export and is rethrown.
     */
    void export(LogQuery query, Consumer<LogRecord> sink);

    /** Totals of the rows in the query's range, one row per group, ordered by group. */
    List<SpendRow> spend(SpendQuery query);

    /**
     * The request ids of usage already ingested under these idempotency keys (only the keys found).
     *
     * @throws io.tollgate.cluster.store.StoreException when the database fails
     */
    Map<String, String> ingested(Collection<String> idempotencyKeys);

    /**
     * Stores usage ingested from outside the gateway, keyed by idempotency key, at once and in one transaction: every
     * row and key is stored, or none (a key stored meanwhile by a concurrent retry fails the whole call).
     *
     * @throws io.tollgate.cluster.store.StoreException when the database fails; nothing was stored
     */
    void ingest(Map<String, LogRecord> byIdempotencyKey);

    /**
     * Blocks until every record queued before the call is written, or until a write fails (the records stay
     * queued and are retried), or a bounded time passes.
     */
    void flush();

    /** Flushes (waiting a bounded time), then stops the writer; records still queued are counted as dropped. */
    @Override
    void close();
}
