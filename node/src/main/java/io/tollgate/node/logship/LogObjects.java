package io.tollgate.node.logship;

import io.tollgate.adapters.Json;
import io.tollgate.cluster.log.ExportBatch;
import io.tollgate.cluster.log.LogRecord;
import io.tollgate.node.admin.LogJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Turns one exported range's rows into its objects: one per UTC day of the rows' request times, each gzip-compressed
 * JSON lines in store order, the rows in the management API's JSON. Everything about an object follows from the range
 * and its rows only (the key from the range's bounds and the day; the bytes from the rows, gzip writing no time or
 * name into its header), so writing a range again writes the same objects under the same keys. Not thread-safe: one
 * per range.
 *
 * <p>Keys: {@code <prefix>/dt=<YYYY-MM-DD>/<store time of the range's last row>-<16 hex digits of the SHA-256 of the
 * range's bounds>.jsonl.gz}, for example
 * {@code tollgate/request-log/dt=2026-11-30/20261130T120501.123456Z-3f2a9c1e0b7d4a56.jsonl.gz}: within a day's
 * folder, names sort in the order the ranges were exported.
 */
final class LogObjects {

    private static final DateTimeFormatter STORED = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final String prefix;
    private final ExportBatch batch;
    private final boolean bodies;
    private final Map<LocalDate, Day> days = new TreeMap<>();

    LogObjects(String prefix, ExportBatch batch, boolean bodies) {
        this.prefix = prefix;
        this.batch = batch;
        this.bodies = bodies;
    }

    /** Appends a row (rows come in store order) to its day's object. */
    void add(LogRecord row) {
        LocalDate day = LocalDate.ofInstant(row.time(), ZoneOffset.UTC);
        Day object = days.computeIfAbsent(day, d -> new Day());
        try {
            object.gzip.write(Json.bytes(LogJson.json(row, bodies)));
            object.gzip.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        object.rows++;
    }

    /** The objects, by day; none when no row was added. */
    List<LogObject> finish() {
        List<LogObject> objects = new ArrayList<>(days.size());
        days.forEach((day, object) -> {
            try {
                object.gzip.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            objects.add(new LogObject(key(prefix, day, batch), day, object.rows, object.bytes.toByteArray()));
        });
        return objects;
    }

    /** The key of a range's object of one day. */
    static String key(String prefix, LocalDate day, ExportBatch batch) {
        return (prefix.isEmpty() ? "" : prefix + "/") + "dt=" + day + "/" + STORED.format(batch.last().storedAt())
                + "-" + digest(batch.text()) + ".jsonl.gz";
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** One day's object being written. */
    private static final class Day {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final GZIPOutputStream gzip;
        private int rows;

        Day() {
            try {
                gzip = new GZIPOutputStream(bytes, 8192);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
