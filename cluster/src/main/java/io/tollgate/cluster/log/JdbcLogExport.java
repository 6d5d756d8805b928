package io.tollgate.cluster.log;

import io.tollgate.cluster.store.Jdbc;
import io.tollgate.cluster.store.StateStore;
import io.tollgate.cluster.store.StoreException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * A sink's export position in the store's database (table {@code log_export}, migration V9), over the request
 * log's rows in store order. Times that matter here, settling and leases, are the database's: every node reads the
 * same clock, the one that stamped the rows. Thread-safe: the state lives in the database and each call borrows a
 * connection of its own.
 */
public final class JdbcLogExport implements LogExport {

    /** The longest sink name stored. */
    public static final int MAX_SINK = 512;
    /** Planning races lost in a row before {@link #next} leaves the range to the node that keeps winning. */
    private static final int PLAN_TRIES = 3;

    private final DataSource dataSource;
    private final String sink;
    private final ExportTable table;

    private JdbcLogExport(DataSource dataSource, String sink) {
        this.dataSource = dataSource;
        this.sink = sink;
        this.table = new ExportTable(sink);
    }

    /**
     * The export to {@code sink} over the store's request log (migrated by {@link StateStore#open}).
     *
     * @param sink names the destination, for example {@code s3:host/bucket/prefix}; a new name starts from the
     *     first row kept
     * @throws IllegalArgumentException when the name is blank or longer than {@value #MAX_SINK} characters
     */
    public static JdbcLogExport create(StateStore store, String sink) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(sink, "sink");
        if (sink.isBlank() || sink.length() > MAX_SINK) {
            throw new IllegalArgumentException("an export sink's name must be 1 to " + MAX_SINK
                    + " characters and not blank, was '" + sink + "'");
        }
        return new JdbcLogExport(store.dataSource(), sink);
    }

    @Override
    public String sink() {
        return sink;
    }

    @Override
    public boolean lease(String owner, Duration hold) {
        Objects.requireNonNull(owner, "owner");
        if (hold.isNegative() || hold.isZero()) {
            throw new IllegalArgumentException("a lease must be held a positive time, was " + hold);
        }
        return run("taking the export lease", connection -> {
            Instant now = ExportTable.now(connection);
            return table.lease(connection, owner, now, now.plus(hold));
        });
    }

    @Override
    public void release(String owner) {
        Objects.requireNonNull(owner, "owner");
        run("giving up the export lease", connection -> {
            table.release(connection, owner);
            return null;
        });
    }

    @Override
    public Optional<ExportBatch> next(Duration settle, int maxRows) {
        if (settle.isNegative()) {
            throw new IllegalArgumentException("settle must not be negative, was " + settle);
        }
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1, was " + maxRows);
        }
        return run("planning the next export range", connection -> {
            for (int attempt = 0; attempt < PLAN_TRIES; attempt++) {
                ExportState state = table.read(connection);
                if (state.pending().isPresent()) {
                    return state.pending();
                }
                Instant now = ExportTable.now(connection);
                Optional<ExportRows.Plan> plan = ExportRows.plan(connection, state.cursor(), now.minus(settle),
                        maxRows);
                if (plan.isEmpty()) {
                    return Optional.<ExportBatch>empty();
                }
                if (table.plan(connection, state.revision(), plan.get().last(), plan.get().rows(), now)) {
                    return Optional.of(new ExportBatch(sink, state.revision() + 1, state.cursor(),
                            plan.get().last(), plan.get().rows()));
                }
                // another node planned or committed meanwhile: read its state again
            }
            return Optional.<ExportBatch>empty();
        });
    }

    @Override
    public void rows(ExportBatch batch, Consumer<LogRecord> sink) {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(sink, "sink");
        run("reading an export range", connection -> {
            ExportRows.stream(connection, batch, sink);
            return null;
        });
    }

    @Override
    public boolean commit(ExportBatch batch, int rows, int objects, String lastObject) {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(lastObject, "lastObject");
        if (!batch.sink().equals(sink)) {
            throw new IllegalArgumentException("range of sink '" + batch.sink() + "' committed to '" + sink + "'");
        }
        if (rows < 0 || objects < 0) {
            throw new IllegalArgumentException("rows and objects written must not be negative, were " + rows
                    + " and " + objects);
        }
        return run("committing an export range", connection -> table.commit(connection, batch, rows, objects,
                lastObject, ExportTable.now(connection)));
    }

    @Override
    public ExportState state() {
        return run("reading the export state", table::read);
    }

    private <T> T run(String what, Jdbc.Work<T> work) {
        try {
            return Jdbc.withConnection(dataSource, work);
        } catch (SQLException e) {
            throw new StoreException(what + " of '" + sink + "' failed: " + e.getMessage(), e);
        }
    }
}
