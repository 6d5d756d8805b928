package io.tollgate.node.logship;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One object of shipped log rows: gzip-compressed JSON lines of one UTC day of one exported range.
 *
 * @param key the object's key in the bucket
 * @param day the UTC day of every row in it
 * @param rows how many rows (lines) it holds
 * @param body the compressed bytes
 */
public record LogObject(String key, LocalDate day, int rows, byte[] body) {

    /** The media type of the objects. */
    public static final String CONTENT_TYPE = "application/gzip";

    public LogObject {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(body, "body");
    }
}
