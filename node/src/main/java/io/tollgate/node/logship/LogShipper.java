package io.tollgate.node.logship;

import io.tollgate.cluster.log.ExportBatch;
import io.tollgate.cluster.log.LogExport;
import io.tollgate.config.LogExportConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ships the request log to object storage on a schedule: every {@code interval_ms}, the node that holds (or takes)
 * the sink's lease exports range after range ({@link LogExport}): it reads the range's rows, writes one object per
 * UTC day ({@link LogObjects}), then commits the range. A failed upload leaves the range planned and uncommitted; the
 * next run, on this node or another, writes the same objects again and commits it then. Runs on a thread of its
 * own, never on the request path. Thread-safe.
 */
public final class LogShipper implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LogShipper.class.getName());
    /** The shortest lease: longer than any run's pause between two renewals. */
    private static final Duration MIN_LEASE = Duration.ofMinutes(1);

    private final LogExportConfig config;
    private final LogExport export;
    private final ObjectStore store;
    private final Supplier<String> owner;
    private final Clock clock;
    private final Duration lease;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("tollgate-log-export").factory());

    private LogShipper(LogExportConfig config, LogExport export, ObjectStore store, Supplier<String> owner,
                       Clock clock) {
        this.config = config;
        this.export = export;
        this.store = store;
        this.owner = owner;
        this.clock = clock;
        Duration uploads = Duration.ofMillis(config.timeoutMs()).multipliedBy(3);
        this.lease = uploads.compareTo(MIN_LEASE) > 0 ? uploads : MIN_LEASE;
    }

    /**
     * A shipper of {@code export}'s rows to {@code store}.
     *
     * @param owner names this node in the lease (its base URL): a node restarted under the same name takes its
     *     lease back at once
     */
    public static LogShipper create(LogExportConfig config, LogExport export, ObjectStore store,
                                    Supplier<String> owner, Clock clock) {
        return new LogShipper(Objects.requireNonNull(config, "config"), Objects.requireNonNull(export, "export"),
                Objects.requireNonNull(store, "store"), Objects.requireNonNull(owner, "owner"),
                Objects.requireNonNull(clock, "clock"));
    }

    /** Starts the schedule: a first run at once, then one {@code interval_ms} after each run ends. */
    public LogShipper start() {
        scheduler.scheduleWithFixedDelay(this::runQuietly, 0, config.intervalMs(), TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * One run on the caller's thread: when this node holds the lease, exports ranges until none is due, a range
     * comes back short, or the run has taken {@code interval_ms}.
     *
     * @throws ObjectStoreException when an upload fails (the range stays planned for the next run)
     * @throws io.tollgate.cluster.store.StoreException when the database fails
     */
    public Run runOnce() {
        String me = owner.get();
        if (!export.lease(me, lease)) {
            return new Run(false, 0, 0, 0);
        }
        long deadline = clock.millis() + config.intervalMs();
        int ranges = 0;
        int rows = 0;
        int objects = 0;
        Optional<ExportBatch> next;
        while ((next = export.next(Duration.ofMillis(config.settleMs()), config.batchRows())).isPresent()) {
            ExportBatch batch = next.get();
            List<LogObject> written = write(batch, me);
            int count = written.stream().mapToInt(LogObject::rows).sum();
            if (count != batch.rows()) {
                LOG.warning("export range " + batch.text() + " held " + batch.rows() + " rows when planned and "
                        + count + " when written (rows expired, or a write committed after settle_ms)");
            }
            String last = written.isEmpty() ? "" : written.getLast().key();
            if (!export.commit(batch, count, written.size(), last)) {
                LOG.fine(() -> "export range " + batch.text() + " was committed by another attempt");
            }
            ranges++;
            rows += count;
            objects += written.size();
            if (batch.rows() < config.batchRows() || clock.millis() >= deadline || !export.lease(me, lease)) {
                break;
            }
        }
        return new Run(true, ranges, rows, objects);
    }

    private List<LogObject> write(ExportBatch batch, String me) {
        LogObjects objects = new LogObjects(config.prefix(), batch, config.bodies());
        export.rows(batch, objects::add);
        List<LogObject> written = objects.finish();
        for (LogObject object : written) {
            store.put(object.key(), object.body(), LogObject.CONTENT_TYPE);
            LOG.fine(() -> me + " wrote " + object.key() + " (" + object.rows() + " rows)");
        }
        return written;
    }

    private void runQuietly() {
        try {
            Run run = runOnce();
            if (run.rows() > 0) {
                LOG.info("shipped " + run.rows() + " request log rows in " + run.objects() + " objects to "
                        + export.sink());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "shipping the request log to " + export.sink() + " failed; the next run retries"
                    + " the same range: " + e.getMessage());
        }
    }

    /** Stops the schedule (a run under way is interrupted) and closes the object store. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }

    /**
     * What one run did.
     *
     * @param leased whether this node held the lease (else another node is exporting)
     * @param ranges ranges committed
     * @param rows rows written
     * @param objects objects written
     */
    public record Run(boolean leased, int ranges, int rows, int objects) {
    }
}
