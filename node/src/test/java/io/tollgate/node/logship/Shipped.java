package io.tollgate.node.logship;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.node.testing.NodeClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The rows shipped to a bucket, read back as a consumer would: every object gunzipped, every line parsed. Checks
 * that each object's rows all fall on the UTC day its {@code dt=} folder names.
 *
 * @param objects how many objects hold rows
 * @param lines every row's line as written, object by object in key order
 * @param rows every row parsed, in the same order
 */
record Shipped(int objects, List<String> lines, List<JsonNode> rows) {

    /** Reads these objects (key to bytes). */
    static Shipped of(Map<String, byte[]> objects) {
        List<String> lines = new ArrayList<>();
        List<JsonNode> rows = new ArrayList<>();
        objects.forEach((key, body) -> {
            LocalDate day = LocalDate.parse(key.substring(key.indexOf("dt=") + 3, key.indexOf("dt=") + 13));
            for (String line : lines(body)) {
                JsonNode row = NodeClient.parse(line);
                assertThat(LocalDate.ofInstant(Instant.parse(row.path("time").asText()), ZoneOffset.UTC))
                        .as("row %s in %s", row.path("request_id").asText(), key).isEqualTo(day);
                lines.add(line);
                rows.add(row);
            }
        });
        return new Shipped(objects.size(), List.copyOf(lines), List.copyOf(rows));
    }

    /** The request ids of the rows, duplicates kept. */
    List<String> requestIds() {
        return rows.stream().map(row -> row.path("request_id").asText()).toList();
    }

    private static List<String> lines(byte[] gzip) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.isEmpty() ? List.of() : List.of(text.split("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
