package io.tollgate.cluster.log;

import io.tollgate.cluster.store.StateStore;
import io.tollgate.config.LoggingConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The request log in the state store's database, table {@code request_log} (created by the store's migrations)
 * and, one row per upstream call, {@code request_log_attempts} (migration V3): both
 * time-partitioned by month on PostgreSQL, plain indexed tables on H2. Writes go through a bounded queue drained by
 * one background thread in batches, a request's row and its attempts in the same transaction; a request whose row
 * is already stored is skipped whole, so a retried batch adds nothing twice. Rows older than
 * {@code retention_days} are deleted at start and daily. Bodies are stored only when {@code content} is on, cut to
 * {@code max_content_bytes}; whether to offer at all ({@code enabled}) is the caller's choice. Thread-safe.
 */
public final class JdbcRequestLog implements RequestLog {

    /** How long {@link #flush()} and {@link #close()} wait at most. */
    static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(10);

    private final LogWriter writer;
    private final LogReader reader;
    private final IngestTable ingests;

    private JdbcRequestLog(LogWriter writer, LogReader reader, IngestTable ingests) {
        this.writer = writer;
        this.reader = reader;
        this.ingests = ingests;
    }

    /**
     * Starts a log over the store's database (already migrated by {@link StateStore#open}), creating the attempts
     * table when missing.
     *
     * @param store the node's state store; close the log before it
     * @param config queue capacity, retention and content settings
     * @param clock when retention runs and what "older than" means
     * @throws io.tollgate.cluster.store.StoreException when the attempts table cannot be created
     */
    public static JdbcRequestLog create(StateStore store, LoggingConfig config, Clock clock) {
        Objects.requireNonNull(store, "store");
        return create(store.dataSource(), store.dialect(), config, clock);
    }

    /** A log over any data source of the given dialect ({@code h2} or {@code postgresql}); for tests. */
    static JdbcRequestLog create(DataSource dataSource, String dialect, LoggingConfig config, Clock clock) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        LogWriter writer = new LogWriter(dataSource, dialect, config, clock);
        writer.start();
        return new JdbcRequestLog(writer, new LogReader(dataSource), new IngestTable(dataSource, dialect, clock));
    }

    @Override
    public boolean offer(LogRecord record) {
        Objects.requireNonNull(record, "record");
        return writer.offer(record);
    }

    @Override
    public QueueStats stats() {
        return writer.stats();
    }

    @Override
    public LogPage query(LogQuery query) {
        return reader.page(Objects.requireNonNull(query, "query"));
    }

    @Override
    public Optional<LogRecord> find(String requestId) {
        return reader.find(Objects.requireNonNull(requestId, "requestId"));
    }

    @Override
    public void export(LogQuery query, Consumer<LogRecord> sink) {
        reader.export(Objects.requireNonNull(query, "query"), Objects.requireNonNull(sink, "sink"));
    }

    @Override
    public List<SpendRow> spend(SpendQuery query) {
        return reader.spend(Objects.requireNonNull(query, "query"));
    }

    @Override
    public Map<String, String> ingested(Collection<String> idempotencyKeys) {
        return idempotencyKeys.isEmpty() ? Map.of() : ingests.known(idempotencyKeys);
    }

    @Override
    public void ingest(Map<String, LogRecord> byIdempotencyKey) {
        ingests.store(Map.copyOf(byIdempotencyKey));
    }

    @Override
    public void flush() {
        writer.flush(FLUSH_TIMEOUT);
    }

    /** Runs the retention now, on the caller's thread; returns the request rows deleted (their attempts go too). */
    long deleteExpired(java.time.Instant now) throws java.sql.SQLException {
        return writer.retention().deleteExpired(now);
    }

    @Override
    public void close() {
        writer.flush(FLUSH_TIMEOUT);
        writer.stop(FLUSH_TIMEOUT);
    }
}
