package io.tollgate.cluster.log;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The position after a row, in the opaque form pages hand out: base64url of
 * {@code 1:<epoch second>:<nano>:<request id>} (1 = this format).
 *
 * @param time the row's time
 * @param requestId the row's request id
 */
record LogCursor(Instant time, String requestId) {

    private static final String VERSION = "1";

    /** The cursor after this row. */
    static String after(LogRecord row) {
        String text = VERSION + ":" + row.time().getEpochSecond() + ":" + row.time().getNano() + ":" + row.requestId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a cursor.
     *
     * @throws IllegalArgumentException when the text is not a cursor a page issued
     */
    static LogCursor decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = text.split(":", 4);
            if (parts.length != 4 || !parts[0].equals(VERSION) || parts[3].isEmpty()) {
                throw new IllegalArgumentException("unknown layout");
            }
            return new LogCursor(Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2])), parts[3]);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new IllegalArgumentException("cursor is not one a page of this log issued: '" + cursor + "'", e);
        }
    }
}
