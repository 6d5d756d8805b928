package io.tollgate.adapters.batch;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.adapters.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What an ended batch's result file reported.
 *
 * @param lines the readable lines, in file order
 * @param unreadable lines that could not be read (not JSON, or without a {@code custom_id})
 */
public record BatchResults(List<BatchResult> lines, int unreadable) {

    public BatchResults {
        lines = List.copyOf(lines);
        if (unreadable < 0) {
            throw new IllegalArgumentException("unreadable must not be negative, was " + unreadable);
        }
    }

    /**
     * Reads a JSONL result file: each line that is JSON with a {@code custom_id} is read by {@code line}; the others
     * are counted as unreadable, and the rest still settle.
     */
    static BatchResults read(byte[] jsonl, Function<JsonNode, BatchResult> line) {
        List<BatchResult> results = new ArrayList<>();
        int unreadable = 0;
        for (String text : new String(jsonl, StandardCharsets.UTF_8).split("\n")) {
            if (text.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = Json.MAPPER.readTree(text);
            } catch (java.io.IOException e) {
                unreadable++;
                continue;
            }
            if (!node.path("custom_id").isTextual()) {
                unreadable++;
                continue;
            }
            results.add(line.apply(node));
        }
        return new BatchResults(results, unreadable);
    }
}
