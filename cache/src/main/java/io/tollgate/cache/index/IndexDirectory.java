package io.tollgate.cache.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.MMapDirectory;

/**
 * Where an index's files live: a temporary directory this index owns (deleted when it is done) or one its caller
 * owns (left in place).
 *
 * @param path the directory
 * @param temporary whether {@link #deleteIfTemporary()} deletes it
 */
record IndexDirectory(Path path, boolean temporary) {

    /** A new temporary directory. */
    static IndexDirectory createTemporary() {
        try {
            return new IndexDirectory(Files.createTempDirectory("tollgate-vectors-"), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the vector index", e);
        }
    }

    /** The caller's directory, created if missing. */
    static IndexDirectory create(Path path) {
        try {
            return new IndexDirectory(Files.createDirectories(path), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the vector index directory " + path, e);
        }
    }

    /** Lucene's view of it, memory-mapped. */
    Directory open() throws IOException {
        return new MMapDirectory(path);
    }

    /** Deletes the directory and everything in it when it is temporary; best effort. */
    void deleteIfTemporary() {
        if (!temporary) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            System.getLogger(IndexDirectory.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot delete the vector index directory " + path, e);
        }
    }
}
