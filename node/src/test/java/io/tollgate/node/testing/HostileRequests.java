package io.tollgate.node.testing;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Hostile request bodies and headers for fuzzing the node's routes over HTTP. A body is one of: a valid request of
 * the route as it is; a valid request with one of its fields (named by a JSON pointer) removed or replaced by a
 * hostile JSON literal written as raw text (numbers no {@code long} or {@code double} holds, a 1,200-digit number,
 * unpaired surrogate escapes, NUL, long strings, values of the wrong type, nesting); a random JSON document of any
 * shape; a valid request damaged as bytes (cut short, a byte inserted, a byte-order mark, nesting in front); or
 * random bytes, invalid UTF-8 included.
 */
public final class HostileRequests {

    private static final String HOLE = "@@HOSTILE@@";

    /** JSON literals as raw text, each valid JSON unless said otherwise. */
    private static final List<String> LITERALS = List.of("null", "true", "false", "0", "-1", "1.5", "-0.0",
            "1e1000000000", "-1e1000000000", "1e-1000000000", "1e100000000", "-1e100000000", "1e-100000000",
            "\"1e100000000\"", "\"-1e1000000000\"", "\"1e-100000000\"", "1e9999", "\"-5\"", "\"0.0000000001\"",
            "123456789012345678901234567890", "9".repeat(1_200),
            "9223372036854775808", "-9223372036854775809", "9223372036854775807", "2147483648", "1000000000",
            "\"\\ud800\"", "\"x\\udfffy\"",
            "\"\\u0000\"", "\"\uD83D\uDE00\"", "\"\"", "\" \"", "\"" + "x".repeat(30_000) + "\"", "[]", "{}", "[null]",
            "[{}]", "[[]]", "{\"role\":1}", "[{\"role\":\"user\"}]", "[{\"role\":\"user\",\"content\":null}]",
            "[{\"type\":\"text\",\"text\":1}]", "[" + "[".repeat(60) + "]".repeat(60) + "]", "\"mock/echo\"",
            "\"mock/\"", "\"/\"", "\"nope/x\"", "\"user\"", "\"tool\"", "\"system\"", "\"image_url\"",
            "\"data:image/png;base64,@@\"", "\"2026-13-45\"", "\"1M\"", "\"0s\"", "\"P1D\"", "\"*\"");

    private static final List<String> KEYS = List.of("model", "messages", "role", "content", "type", "text",
            "stream", "max_tokens", "tools", "tool_choice", "prompt", "input", "system", "n", "stop", "contents",
            "parts", "generationConfig", "inferenceConfig", "maxTokens", "toolConfig", "name", "budgets",
            "max_limit", "reset_duration", "rate_limit", "records", "usage", "amount_usd", "period", "x");

    private HostileRequests() {
    }

    /**
     * Hostile bodies for a route whose valid requests are {@code seeds} (JSON texts, or other text for a route that
     * is not JSON) and whose fields worth breaking are named by {@code pointers}.
     */
    public static Arbitrary<byte[]> bodies(List<String> seeds, List<String> pointers) {
        Arbitrary<String> seed = Arbitraries.of(seeds);
        Arbitrary<String> pointer = Arbitraries.oneOf(Arbitraries.of(pointers),
                Arbitraries.of(KEYS).map(key -> "/" + key));
        Arbitrary<String> literal = Arbitraries.oneOf(Arbitraries.of(LITERALS), documents());
        Arbitrary<byte[]> mutated = Combinators.combine(seed, pointer, literal, Arbitraries.of(true, false))
                .as(HostileRequests::mutate).map(HostileRequests::utf8);
        Arbitrary<byte[]> damaged = Combinators.combine(seed.map(HostileRequests::utf8),
                Arbitraries.integers().between(0, 4), Arbitraries.integers().greaterOrEqual(0),
                Arbitraries.bytes()).as(HostileRequests::damage);
        return Arbitraries.frequencyOf(
                Tuple.of(1, seed.map(HostileRequests::utf8)),
                Tuple.of(8, mutated),
                Tuple.of(2, documents().map(HostileRequests::utf8)),
                Tuple.of(2, damaged),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(64)));
    }

    /** Random JSON documents as text: literals, and arrays and objects of them up to three levels deep. */
    public static Arbitrary<String> documents() {
        Arbitrary<String> leaf = Arbitraries.of(LITERALS);
        Arbitrary<String> field = Combinators.combine(Arbitraries.of(KEYS), leaf)
                .as((key, value) -> "\"" + key + "\":" + value);
        return Arbitraries.recursive(() -> leaf, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]"),
                Combinators.combine(Arbitraries.of(KEYS), inner).as((key, value) -> "\"" + key + "\":" + value)
                        .list().ofMaxSize(4).map(fields -> "{" + String.join(",", fields) + "}"),
                field.list().ofMaxSize(3).map(fields -> "{" + String.join(",", fields) + "}")), 0, 3);
    }

    /** The seed with the value at {@code pointer} removed, or replaced by the literal (added where absent). */
    public static String mutate(String seed, String pointer, String literal, boolean remove) {
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(seed);
        } catch (java.io.IOException e) {
            return seed;   // a seed that is not JSON (a CSV invoice) is broken as bytes instead
        }
        JsonPointer at = JsonPointer.compile(pointer);
        JsonNode parent = tree.at(at.head());
        String last = at.last().getMatchingProperty();
        if (parent instanceof ObjectNode object) {
            if (remove) {
                object.remove(last);
            } else {
                object.put(last, HOLE);
            }
        } else if (parent instanceof ArrayNode array && at.last().getMatchingIndex() >= 0
                && at.last().getMatchingIndex() < array.size()) {
            if (remove) {
                array.remove(at.last().getMatchingIndex());
            } else {
                array.set(at.last().getMatchingIndex(), HOLE);
            }
        } else if (tree instanceof ObjectNode root && !remove) {
            root.put(last, HOLE);
        }
        return Json.string(tree).replace("\"" + HOLE + "\"", literal);
    }

    /** The bytes damaged: {@code kind} 0 cut short, 1 a byte inserted, 2 a byte replaced, 3 a BOM, 4 nesting. */
    static byte[] damage(byte[] body, int kind, int at, byte value) {
        int position = body.length == 0 ? 0 : at % body.length;
        List<byte[]> parts = new ArrayList<>();
        switch (kind) {
            case 0 -> parts.add(java.util.Arrays.copyOf(body, position));
            case 1 -> parts.addAll(List.of(java.util.Arrays.copyOf(body, position), new byte[] {value},
                    java.util.Arrays.copyOfRange(body, position, body.length)));
            case 2 -> {
                byte[] copy = body.clone();
                if (copy.length > 0) {
                    copy[position] = value;
                }
                parts.add(copy);
            }
            case 3 -> parts.addAll(List.of(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, body));
            default -> parts.addAll(List.of(utf8("[".repeat(1 + at % 5_000)), body));
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
