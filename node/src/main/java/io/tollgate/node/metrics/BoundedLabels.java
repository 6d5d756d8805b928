package io.tollgate.node.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A label whose values a client influences (a model name sent to a pass-through provider): the first
 * {@code capacity} distinct values are kept, later ones become {@value #OTHER}, so the number of series stays bounded.
 * Thread-safe.
 */
final class BoundedLabels {

    /** The value that stands for every value beyond the cap. */
    static final String OTHER = "other";

    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final int capacity;

    BoundedLabels(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
    }

    /** The value itself while there is room (or it was seen before), else {@value #OTHER}. */
    String label(String value) {
        if (seen.contains(value)) {
            return value;
        }
        if (seen.size() >= capacity) {
            return OTHER;
        }
        seen.add(value);
        return value;
    }
}
