package io.tollgate.cluster.health;

import java.time.Instant;
import java.util.Optional;

/**
 * The text form of a {@link KeyState} in the grid map and on the wire: {@code 1|STATUS|untilMillis|sinceMillis|reason}
 * (format version first; the reason last, so it may hold any character).
 */
final class KeyStateText {

    private static final String VERSION = "1";

    private KeyStateText() {
    }

    static String write(KeyState state) {
        return VERSION + "|" + state.status().name() + "|" + state.until().map(Instant::toEpochMilli).orElse(-1L)
                + "|" + state.since().toEpochMilli() + "|" + state.reason();
    }

    /**
     * Reads what {@link #write} wrote.
     *
     * @throws IllegalArgumentException naming the text when it is not a key state of a known version
     */
    static KeyState read(String text) {
        String[] parts = text.split("\\|", 5);
        if (parts.length != 5 || !parts[0].equals(VERSION)) {
            throw new IllegalArgumentException("not a key state of format " + VERSION + ": '" + text + "'");
        }
        long until = Long.parseLong(parts[2]);
        return new KeyState(KeyState.Status.valueOf(parts[1]),
                until < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(until)), parts[4],
                Instant.ofEpochMilli(Long.parseLong(parts[3])));
    }
}
