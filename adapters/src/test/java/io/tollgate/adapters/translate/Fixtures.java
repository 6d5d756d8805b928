package io.tollgate.adapters.translate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.SseEvent;
import io.tollgate.adapters.StreamTranslator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the provider fixtures under {@code src/test/resources/fixtures/} and compares event streams; shared by the
 * format packages' tests.
 */
public final class Fixtures {

    /** The tests' one mapper; plain, no default typing. */
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private Fixtures() {
    }

    public static String text(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(String path) {
        return text(path).getBytes(StandardCharsets.UTF_8);
    }

    public static ObjectNode json(String path) {
        return (ObjectNode) tree(text(path));
    }

    public static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The tree as a client would read it off the wire: written and parsed again, so that a {@code long} the
     * translators put compares equal to the {@code int} a fixture parses to.
     */
    public static JsonNode wire(JsonNode node) {
        return tree(node.toString());
    }

    public static ObjectNode object(String json) {
        return (ObjectNode) tree(json);
    }

    /**
     * Parses server-sent events: {@code event:} names the event, {@code data:} lines are joined with {@code \n},
     * a blank line ends the event, lines starting with {@code :} are comments.
     */
    public static List<SseEvent> parseSse(String text) {
        List<SseEvent> events = new ArrayList<>();
        String name = "";
        StringBuilder data = null;
        for (String line : text.split("\r?\n", -1)) {
            if (line.isEmpty()) {
                if (data != null) {
                    events.add(new SseEvent(name, data.toString()));
                }
                name = "";
                data = null;
            } else if (line.startsWith("event:")) {
                name = field(line, "event:");
            } else if (line.startsWith("data:")) {
                data = data == null ? new StringBuilder() : data.append('\n');
                data.append(field(line, "data:"));
            }
        }
        if (data != null) {
            events.add(new SseEvent(name, data.toString()));
        }
        return events;
    }

    public static List<SseEvent> sse(String path) {
        return parseSse(text(path));
    }

    private static String field(String line, String prefix) {
        String value = line.substring(prefix.length());
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    /** Feeds every event, then ends the stream; returns everything the translator emitted. */
    public static List<SseEvent> run(StreamTranslator translator, List<SseEvent> upstream) {
        List<SseEvent> out = new ArrayList<>();
        for (SseEvent event : upstream) {
            out.addAll(translator.onEvent(event));
        }
        out.addAll(translator.onEnd());
        return out;
    }

    /** Same event names in the same order, and data equal as JSON trees ({@code [DONE]} compared as text). */
    public static void assertSameEvents(List<SseEvent> actual, List<SseEvent> expected) {
        assertThat(actual.stream().map(SseEvent::event).toList())
                .as("event names").isEqualTo(expected.stream().map(SseEvent::event).toList());
        assertThat(actual).as("event count").hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            String want = expected.get(i).data();
            String got = actual.get(i).data();
            if (want.startsWith("{")) {
                assertThat(tree(got)).as("event %d: %s", i, got).isEqualTo(tree(want));
            } else {
                assertThat(got).as("event %d", i).isEqualTo(want);
            }
        }
    }

    /** The data of each event as a JSON tree. */
    public static List<JsonNode> trees(List<SseEvent> events) {
        return events.stream().filter(e -> e.data().startsWith("{")).map(e -> tree(e.data())).toList();
    }
}
