package io.tollgate.cluster.health;

/**
 * How two states of one key combine: a state that has run out gives way; otherwise dead beats cooling, and of the
 * same status the one lasting longer wins.
 */
final class KeyHealthMerge {

    private KeyHealthMerge() {
    }

    static KeyState stronger(KeyState current, KeyState next) {
        if (current.usableAt(next.since())) {
            return next;
        }
        if (current.status() != next.status()) {
            return next.status().ordinal() > current.status().ordinal() ? next : current;
        }
        return next.until().orElseThrow().isAfter(current.until().orElseThrow()) ? next : current;
    }
}
