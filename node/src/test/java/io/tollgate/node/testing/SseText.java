package io.tollgate.node.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.adapters.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reading a whole SSE body in tests. */
public final class SseText {

    private SseText() {
    }

    /** The {@code data:} payloads, in order. */
    public static List<String> dataLines(String body) {
        return fields(body, "data: ");
    }

    /** The {@code event:} names, in order. */
    public static List<String> eventNames(String body) {
        return fields(body, "event: ");
    }

    /** Parses JSON text, failing the test with the text when it is not JSON. */
    public static JsonNode parse(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(text, e);
        }
    }

    private static List<String> fields(String body, String prefix) {
        List<String> values = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.startsWith(prefix)) {
                values.add(line.substring(prefix.length()));
            }
        }
        return values;
    }
}
