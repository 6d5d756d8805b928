package io.tollgate.cache.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.search.SearcherManager;

/**
 * Near-real-time visibility of an {@link IndexWriter}'s changes. Writers call {@link #changed()} after each change;
 * a background thread reopens the searcher every {@code interval} while there are changes not yet searchable, so a
 * change is searchable within about one interval plus the time a reopen takes. Searches {@link #acquire()} the
 * current searcher, which never waits for a reopen: they see the previous point in time until the new one is ready.
 *
 * <p>Thread-safe.
 */
final class NrtRefresher implements Closeable {

    private static final System.Logger LOG = System.getLogger(NrtRefresher.class.getName());

    private final SearcherManager searchers;
    private final ScheduledExecutorService scheduler;
    /** Counts changes; a refresh that started after the n-th change makes the first n searchable. */
    private final AtomicLong changes = new AtomicLong();
    /** The change count the current searcher is known to include. */
    private final AtomicLong searchable = new AtomicLong();

    private NrtRefresher(SearcherManager searchers, ScheduledExecutorService scheduler) {
        this.searchers = searchers;
        this.scheduler = scheduler;
    }

    /** Opens a searcher on the writer and starts the background refresh every {@code interval}. */
    static NrtRefresher start(IndexWriter writer, Duration interval) throws IOException {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("refresh interval must be positive, got " + interval);
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("tollgate-vector-refresh").factory());
        NrtRefresher refresher = new NrtRefresher(new SearcherManager(writer, null), scheduler);
        long nanos = interval.toNanos();
        scheduler.scheduleWithFixedDelay(refresher::refreshIfChanged, nanos, nanos, TimeUnit.NANOSECONDS);
        return refresher;
    }

    /** Records a change made to the writer (after the writer accepted it). */
    void changed() {
        changes.incrementAndGet();
    }

    /**
     * Reopens the searcher when there are changes it does not include and no other reopen is running. Never
     * throws: it runs on the scheduler, where an exception would cancel every later run.
     */
    void refreshIfChanged() {
        long seen = changes.get();
        if (seen == searchable.get()) {
            return;
        }
        try {
            if (searchers.maybeRefresh()) {
                searchable.accumulateAndGet(seen, Math::max);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "vector index refresh failed; retrying on the next tick", e);
        }
    }

    /** Makes every change recorded so far searchable; blocks while a reopen runs. */
    void refreshBlocking() {
        long seen = changes.get();
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("vector index refresh failed", e);
        }
        searchable.accumulateAndGet(seen, Math::max);
    }

    /** Listens to reopens (tests wait for the background refresh with it instead of sleeping). */
    void addListener(ReferenceManager.RefreshListener listener) {
        searchers.addListener(listener);
    }

    /** The current searcher; give it back with {@link #release}. */
    IndexSearcher acquire() {
        try {
            return searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot acquire a vector index searcher", e);
        }
    }

    /** Gives back a searcher from {@link #acquire()}. */
    void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release a vector index searcher", e);
        }
    }

    /** Stops the background refresh (waiting for a running one) and closes the searcher. */
    @Override
    public void close() throws IOException {
        scheduler.shutdown(); // no interrupt: an interrupted flush would close the writer's files under it
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "vector index refresh still running after 10 s at close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        searchers.close();
    }
}
