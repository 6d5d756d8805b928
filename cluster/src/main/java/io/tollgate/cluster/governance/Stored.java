package io.tollgate.cluster.governance;

import java.util.Objects;

/**
 * A definition with its revision: 1 when created, one more with every change. The local view applies a change
 * only when its revision is newer than what it holds, so a late listener event never undoes a newer local write.
 */
record Stored<T>(T value, long revision) {

    Stored {
        Objects.requireNonNull(value, "value");
        if (revision < 1) {
            throw new IllegalArgumentException("revision must be at least 1, was " + revision);
        }
    }
}
