package io.tollgate.cluster.shared;

import java.time.Duration;
import java.util.Objects;

/** The argument checks every {@link SharedEntries} implementation makes, with the same messages. */
final class SharedEntriesChecks {

    private SharedEntriesChecks() {
    }

    static void name(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("shared entries name must not be blank, was '" + name + "'");
        }
    }

    static void bound(String parameter, int maxEntries) {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("shared entries " + parameter + " must be positive, was " + maxEntries);
        }
    }

    static void entry(String key, byte[] value, Duration ttl) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("shared entry ttl must be positive, was " + ttl + " for key '" + key
                    + "'");
        }
    }
}
