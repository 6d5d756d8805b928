package io.tollgate.cluster.log;

import io.tollgate.config.LoggingConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The queue and the one platform thread that drains it: batches of up to {@value #BATCH} requests (gathered for
 * {@value #LINGER_MS} ms after the first), each written
 * with their attempts in one transaction ({@link LogBatch}). A failed batch stays at the head and is retried with a
 * doubling pause (up to 5 s) while the queue fills behind it. Between batches it keeps the retention: at start,
 * then daily by the injected clock.
 */
final class LogWriter {

    static final int BATCH = 500;
    private static final Logger LOG = Logger.getLogger(LogWriter.class.getName());
    private static final long POLL_MS = 200;
    /** How long a batch gathers after its first row before it is written. */
    private static final long LINGER_MS = 100;
    private static final long FIRST_PAUSE_MS = 100;
    private static final long MAX_PAUSE_MS = 5_000;
    private static final Duration RETENTION_PERIOD = Duration.ofDays(1);
    private static final Duration RETENTION_RETRY = Duration.ofHours(1);

    private final ArrayBlockingQueue<LogRecord> queue;
    private final DataSource dataSource;
    private final LogBatch writes;
    private final LoggingConfig config;
    private final Retention retention;
    private final Clock clock;
    private final Object progress = new Object();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failedBatches = new AtomicLong();
    private final List<LogRecord> batch = new ArrayList<>(BATCH);
    private final Thread thread;
    private volatile int held;
    private volatile Optional<String> lastError = Optional.empty();
    private volatile boolean stopping;
    private Instant nextRetention;
    private boolean retentionBacklog;

    LogWriter(DataSource dataSource, String dialect, LoggingConfig config, Clock clock) {
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        this.dataSource = dataSource;
        this.writes = new LogBatch(dialect);
        this.config = config;
        this.retention = new Retention(dataSource, dialect, config.retentionDays());
        this.clock = clock;
        this.nextRetention = clock.instant();
        this.thread = Thread.ofPlatform().daemon().name("tollgate-request-log").unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    Retention retention() {
        return retention;
    }

    boolean offer(LogRecord record) {
        if (!stopping && queue.offer(record)) {
            accepted.incrementAndGet();
            return true;
        }
        dropped.incrementAndGet();
        return false;
    }

    QueueStats stats() {
        return new QueueStats(queue.size() + held, config.queueCapacity(), written.get(), dropped.get(),
                failedBatches.get(), lastError);
    }

    /** Waits until what was accepted so far is written, a write fails, or {@code timeout} passes. */
    void flush(Duration timeout) {
        long target = accepted.get();
        long failures = failedBatches.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (written.get() < target && failedBatches.get() == failures && thread.isAlive()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return;
                }
                try {
                    progress.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Stops the thread (waiting a bounded time) and counts what was left unwritten as dropped. */
    void stop(Duration timeout) {
        if (stopping) {
            return;
        }
        stopping = true;
        thread.interrupt();
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = queue.size() + held;
        if (left > 0) {
            dropped.addAndGet(left);
            LOG.warning("request log stopped with " + left + " rows unwritten: " + lastError.orElse("no error"));
        }
    }

    private void run() {
        long pause = FIRST_PAUSE_MS;
        while (!stopping) {
            try {
                keepRetention();
                if (batch.isEmpty()) {
                    LogRecord first = queue.poll(POLL_MS, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                    held = batch.size();
                    if (held < BATCH) {
                        // let a batch gather: under load, one transaction per tens of rows instead of per row
                        Thread.sleep(LINGER_MS);
                        queue.drainTo(batch, BATCH - held);
                        held = batch.size();
                    }
                }
                if (write()) {
                    pause = FIRST_PAUSE_MS;
                } else {
                    Thread.sleep(pause);
                    pause = Math.min(MAX_PAUSE_MS, pause * 2);
                }
            } catch (InterruptedException e) {
                if (stopping) {
                    return;
                }
            }
        }
    }

    private boolean write() {
        try (Connection connection = dataSource.getConnection()) {
            List<LogRecord> rows = new ArrayList<>(batch.size());
            for (LogRecord row : batch) {
                rows.add(row.withContent(config.content(), config.maxContentBytes()));
            }
            writes.write(connection, rows);
        } catch (SQLException | RuntimeException e) {
            failedBatches.incrementAndGet();
            lastError = Optional.of(String.valueOf(e.getMessage()));
            LOG.log(Level.FINE, "writing " + batch.size() + " request log rows failed; will retry", e);
            signal();
            return false;
        }
        written.addAndGet(batch.size());
        batch.clear();
        held = 0;
        lastError = Optional.empty();
        signal();
        return true;
    }

    private void signal() {
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    private void keepRetention() {
        Instant now = clock.instant();
        try {
            if (!now.isBefore(nextRetention)) {
                nextRetention = now.plus(RETENTION_PERIOD);
                retention.maintainPartitions(now);
                retentionBacklog = true;
            }
            if (retentionBacklog) {
                retentionBacklog = retention.deleteChunk(now).more();
            }
        } catch (SQLException | RuntimeException e) {
            retentionBacklog = false;
            nextRetention = now.plus(RETENTION_RETRY);
            LOG.log(Level.WARNING, "request log retention failed; will try again in an hour", e);
        }
    }
}
