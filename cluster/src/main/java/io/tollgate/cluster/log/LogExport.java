package io.tollgate.cluster.log;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The durable, cluster-wide position of one sink's export of the request log (a bucket and prefix of an object
 * store), in the store's database: the protocol that lets a scheduled export write every row exactly once however
 * many nodes try and wherever one dies.
 *
 * <ol>
 *   <li>{@link #lease} keeps one node at the work (a lapsed lease, or its own, is taken); the lease saves duplicated
 *   effort, the steps below are correct without it.</li>
 *   <li>{@link #next} returns the range planned before and not committed, or plans and records a new one: the rows
 *   after the cursor, in store order, stored at least {@code settle} ago by the database's clock, at most
 *   {@code maxRows}. A range is recorded before anything of it is written and never changes, so a retry after a
 *   crash, by this node or another, reads the same rows.</li>
 *   <li>the caller writes the range's rows ({@link #rows}) under names derived from the range only, so writing it
 *   again replaces the same objects with the same content;</li>
 *   <li>{@link #commit} moves the cursor past the range, by compare-and-set: once, whoever finished it.</li>
 * </ol>
 *
 * <p>A row is missed only if its inserting transaction commits more than {@code settle} after it started (its
 * {@code stored_at}), or if retention deletes it before it is exported. Thread-safe; every method runs on the
 * caller's thread and throws {@link io.tollgate.cluster.store.StoreException} when the database fails.
 */
public interface LogExport {

    /** The sink this export writes to. */
    String sink();

    /**
     * Takes the sink's lease for {@code owner}, or extends it, until {@code hold} from now by the database's clock;
     * refused while another owner's lease runs.
     *
     * @return true when {@code owner} holds the lease now
     */
    boolean lease(String owner, Duration hold);

    /** Gives the lease up, if {@code owner} holds it. */
    void release(String owner);

    /**
     * The range to write next: the one planned before and not committed, else a new one of up to {@code maxRows}
     * rows after the cursor that were stored at least {@code settle} ago; empty when no row is due.
     *
     * @throws IllegalArgumentException when {@code maxRows} is below 1 or {@code settle} negative
     */
    Optional<ExportBatch> next(Duration settle, int maxRows);

    /**
     * Streams the range's rows in store order, each with its attempts, read in chunks; the consumer runs on the
     * caller's thread, and what it throws ends the read and is rethrown.
     */
    void rows(ExportBatch batch, Consumer<LogRecord> sink);

    /**
     * Moves the cursor past the range, counting what was written.
     *
     * @param rows the rows written
     * @param objects the objects written
     * @param lastObject the name of the last of them
     * @return true when this call committed it; false when it was committed already (by another attempt) or the
     *     sink's state moved on: nothing changed
     */
    boolean commit(ExportBatch batch, int rows, int objects, String lastObject);

    /** Where the export stands now. */
    ExportState state();
}
