package io.tollgate.cache.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;

/**
 * A {@link VectorIndex} on Lucene's HNSW graph ({@code KnnFloatVectorField}), in an {@code MMapDirectory}. Node-local
 * and disposable: it is rebuilt from the cluster's shared entries on every start, so nothing is committed and
 * {@link #create(int)}'s temporary directory is deleted on {@link #close()}.
 *
 * <p><b>Similarity.</b> Vectors are normalised to unit length on the way in (upserts and queries) and compared with
 * Lucene's {@code DOT_PRODUCT}, which on unit vectors is their cosine, without {@code COSINE}'s two norms per
 * comparison. Lucene scores a dot product as {@code (1 + cos) / 2}; {@link #search} turns that back into the cosine.
 *
 * <p><b>Visibility.</b> Changes become searchable within about {@value #REFRESH_MILLIS} ms: a background thread reopens
 * the searcher while there are changes it does not include. Searches never wait for a reopen; {@link #refresh()}
 * does. {@link #size()} counts every change at once.
 *
 * <p><b>Graph.</b> HNSW with {@value #MAX_CONN} neighbours per node and a beam of {@value #BEAM_WIDTH} candidates
 * while inserting (Lucene's defaults, set explicitly through a per-field vectors format). Vectors are stored as
 * 32-bit floats, not quantised. A search walks one graph per segment, and each near-real-time refresh writes a
 * small segment, so the merge policy keeps {@value #SEGMENTS_PER_TIER} segments per tier instead of Lucene's 8
 * (more merging in the background, fewer graphs per search); {@link #forceMerge()} goes down to one.
 *
 * <p>Thread-safe: any number of threads may write and search at once. Writes to one id are applied in the order
 * they are made; {@link #deleteAll()} waits for the writes in progress.
 */
public final class LuceneVectorIndex implements VectorIndex {

    static final int MAX_CONN = 16;
    static final int BEAM_WIDTH = 100;
    static final long REFRESH_MILLIS = 25;
    /** Lucene's default is 8; fewer, larger segments mean fewer HNSW graphs per search (see the class). */
    static final double SEGMENTS_PER_TIER = 2;

    private final int dimensions;
    private final IndexDirectory files;
    private final Directory directory;
    private final IndexWriter writer;
    private final NrtRefresher refresher;
    /** The live ids: what {@link #size()} counts; compute() on an id also orders that id's writes. */
    private final ConcurrentHashMap<String, Boolean> ids = new ConcurrentHashMap<>();
    /** Single writes share it; {@link #deleteAll()} takes it alone. */
    private final ReadWriteLock clearing = new ReentrantReadWriteLock();
    private final AtomicBoolean closed = new AtomicBoolean();

    private LuceneVectorIndex(int dimensions, IndexDirectory files, Directory directory, IndexWriter writer,
            NrtRefresher refresher) {
        this.dimensions = dimensions;
        this.files = files;
        this.directory = directory;
        this.writer = writer;
        this.refresher = refresher;
    }

    /**
     * An empty index in a new temporary directory, deleted on {@link #close()}.
     *
     * @param dimensions the length of every vector, 1 to 1024
     * @throws IllegalArgumentException when {@code dimensions} is out of range
     * @throws UncheckedIOException when the directory cannot be created
     */
    public static LuceneVectorIndex create(int dimensions) {
        VectorDocuments.checkDimensions(dimensions);
        return open(IndexDirectory.createTemporary(), dimensions);
    }

    /**
     * An empty index in {@code directory} (created if missing); an index already there is replaced. The files stay
     * after {@link #close()}, for the owner of the directory to delete.
     *
     * @param dimensions the length of every vector, 1 to 1024
     * @throws IllegalArgumentException when {@code dimensions} is out of range
     * @throws UncheckedIOException when the directory cannot be created or opened
     */
    public static LuceneVectorIndex create(Path directory, int dimensions) {
        Objects.requireNonNull(directory, "directory");
        VectorDocuments.checkDimensions(dimensions);
        return open(IndexDirectory.create(directory), dimensions);
    }

    private static LuceneVectorIndex open(IndexDirectory files, int dimensions) {
        IndexWriterConfig config = new IndexWriterConfig()
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                .setCodec(VectorDocuments.codec(MAX_CONN, BEAM_WIDTH))
                .setMergePolicy(new TieredMergePolicy().setSegmentsPerTier(SEGMENTS_PER_TIER))
                .setCommitOnClose(false);
        try {
            Directory directory = files.open();
            IndexWriter writer = new IndexWriter(directory, config);
            NrtRefresher refresher = NrtRefresher.start(writer, Duration.ofMillis(REFRESH_MILLIS));
            return new LuceneVectorIndex(dimensions, files, directory, writer, refresher);
        } catch (IOException e) {
            files.deleteIfTemporary();
            throw new UncheckedIOException("cannot open the vector index in " + files.path(), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when the id or partition is empty, or the vector has the wrong length, a
     *         non-finite value or no non-zero value
     * @throws IllegalStateException when the index is closed
     */
    @Override
    public void upsert(String id, String partition, float[] vector) {
        VectorDocuments.checkText("id", id);
        VectorDocuments.checkText("partition", partition);
        var document = VectorDocuments.document(id, partition, UnitVectors.normalised(vector, dimensions));
        write(() -> ids.compute(id, (key, present) -> {
            apply(() -> writer.updateDocument(new Term(VectorDocuments.ID, id), document), "upsert " + id);
            return Boolean.TRUE;
        }));
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException when the index is closed
     */
    @Override
    public void delete(String id) {
        VectorDocuments.checkText("id", id);
        write(() -> ids.computeIfPresent(id, (key, present) -> {
            apply(() -> writer.deleteDocuments(new Term(VectorDocuments.ID, id)), "delete " + id);
            return null;
        }));
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException when the index is closed
     */
    @Override
    public void deleteAll() {
        ensureOpen();
        Lock lock = clearing.writeLock();
        lock.lock();
        try {
            apply(writer::deleteAll, "deleteAll");
            ids.clear();
        } finally {
            lock.unlock();
        }
        refresher.changed();
    }

    /**
     * {@inheritDoc} Sees the changes made up to the last refresh (at most about {@value #REFRESH_MILLIS} ms old).
     *
     * @throws IllegalArgumentException when the partition is empty, {@code k < 1}, or the vector has the wrong
     *         length, a non-finite value or no non-zero value
     * @throws IllegalStateException when the index is closed
     */
    @Override
    public List<Match> search(String partition, float[] vector, int k) {
        VectorDocuments.checkText("partition", partition);
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        float[] query = UnitVectors.normalised(vector, dimensions);
        ensureOpen();
        IndexSearcher searcher = refresher.acquire();
        try {
            var filter = new TermQuery(new Term(VectorDocuments.PARTITION, partition));
            ScoreDoc[] hits = searcher.search(new KnnFloatVectorQuery(VectorDocuments.VECTOR, query, k, filter), k)
                    .scoreDocs;
            return VectorDocuments.matches(searcher, hits);
        } catch (IOException e) {
            throw new UncheckedIOException("vector search in partition " + partition + " failed", e);
        } finally {
            refresher.release(searcher);
        }
    }

    @Override
    public int size() {
        return ids.size();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException when the index is closed
     */
    @Override
    public void refresh() {
        ensureOpen();
        refresher.refreshBlocking();
    }

    /**
     * Merges the whole index into one segment and makes the result searchable; blocks until done. A search walks
     * one HNSW graph per segment, so one segment is the cheapest to search: worth calling once after a bulk load
     * (the rebuild from the cluster at start). It re-inserts every vector outside the largest segment into that
     * segment's graph: on 2 cores, tens of seconds for 100k entries. Writes and searches may go on meanwhile.
     *
     * @throws IllegalStateException when the index is closed
     */
    public void forceMerge() {
        ensureOpen();
        apply(() -> writer.forceMerge(1), "forceMerge");
        refresher.refreshBlocking();
    }

    /**
     * Stops the background refresh, discards the index and, for {@link #create(int)}, deletes its directory.
     * Idempotent. Searches and writes must have finished; later calls throw {@link IllegalStateException}.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try (Directory closing = directory) {
            refresher.close();
            writer.rollback();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the vector index in " + files.path(), e);
        } finally {
            files.deleteIfTemporary();
        }
    }

    /** Registers a listener for the background refresh (tests wait on it). */
    void addRefreshListener(ReferenceManager.RefreshListener listener) {
        refresher.addListener(listener);
    }

    /** Where the index files are. */
    Path path() {
        return files.path();
    }

    private void write(Runnable change) {
        ensureOpen();
        Lock lock = clearing.readLock();
        lock.lock();
        try {
            change.run();
        } finally {
            lock.unlock();
        }
        refresher.changed();
    }

    private static void apply(IndexChange change, String what) {
        try {
            change.run();
        } catch (IOException e) {
            throw new UncheckedIOException("vector index " + what + " failed", e);
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the vector index in " + files.path() + " is closed");
        }
    }

    /** One writer call. */
    @FunctionalInterface
    private interface IndexChange {
        void run() throws IOException;
    }
}
