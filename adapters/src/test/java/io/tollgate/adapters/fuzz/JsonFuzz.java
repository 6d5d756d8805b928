package io.tollgate.adapters.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.arbitraries.StringArbitrary;

/**
 * Generators of hostile JSON for the fuzz properties: values of random shapes built from the field names the
 * formats read (so that they get past the first check), hostile strings and numbers, and mutations of valid
 * documents (fields removed, values of the wrong type, nulls, huge numbers, unpaired surrogates, wrapped values,
 * duplicated elements).
 */
public final class JsonFuzz {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    /** Field names of the OpenAI, Anthropic, Gemini and Bedrock formats, requests, responses and events. */
    private static final List<String> KEYS = List.of("model", "messages", "role", "content", "type", "text",
            "stream", "max_tokens", "tools", "tool_calls", "function", "name", "arguments", "id", "index", "delta",
            "choices", "finish_reason", "usage", "prompt_tokens", "completion_tokens", "input", "prompt", "error",
            "message", "code", "system", "tool_choice", "input_schema", "parameters", "stop", "temperature", "top_p",
            "n", "contents", "parts", "candidates", "finishReason", "usageMetadata", "promptTokenCount",
            "candidatesTokenCount", "generationConfig", "systemInstruction", "functionCall", "functionResponse",
            "inlineData", "inferenceConfig", "maxTokens", "toolConfig", "toolUse", "toolResult", "contentBlockIndex",
            "start", "stopReason", "metadata", "inputTokens", "outputTokens", "output", "image_url", "url",
            "stream_options", "include_usage", "content_block", "thinking", "source", "data", "status", "details",
            "tool_use_id", "cache_control", "response_format", "json_schema", "schema", "properties", "items",
            "required", "enum", "anyOf", "$ref", "prompt_tokens_details", "cached_tokens", "stop_reason",
            "input_tokens", "output_tokens", "cache_read_input_tokens", "thoughtsTokenCount", "mimeType",
            "responseId", "modelVersion", "functionDeclarations", "toolSpec", "json", "reasoning_effort", "user");

    private static final List<String> SPECIAL_STRINGS = List.of("", " ", "user", "assistant", "system", "tool",
            "developer", "model", "text", "image_url", "tool_use", "tool_result", "function", "object", "string",
            "\uD800", "a\uDC00b", "\uD83D\uDE00", "\u0000", "\u202E\u0301", "\uFEFF", "null", "[DONE]", "{", "}",
            "data:", "\n\n", "\r\n", "-1", "1e999", "NaN", "data:image/png;base64,!!", "data:", "mock/echo",
            "message_start", "content_block_delta", "messageStop", "STOP", "MAX_TOKENS", "end_turn", "stop",
            "required", "auto", "none", "any");

    private static final List<String> SPECIAL_NUMBERS = List.of("0", "-1", "-0.0", "0.5", "1e400", "-1e400",
            "1e-400", "1E+2147483647", "1E-2147483647", "123456789012345678901234567890", "9223372036854775808",
            "-9223372036854775809", "4.9E-324", "2147483648", "1.7976931348623157E308");

    private JsonFuzz() {
    }

    /** Strings of any characters (unpaired surrogates included), the formats' own words, and long runs. */
    public static Arbitrary<String> strings() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.strings().ofMaxLength(12)),
                Tuple.of(10, Arbitraries.of(SPECIAL_STRINGS)),
                Tuple.of(1, Arbitraries.integers().between(1_000, 20_000).map("x"::repeat)));
    }

    /** Strings of valid Unicode: any character but a lone surrogate half. */
    public static StringArbitrary unicode() {
        return Arbitraries.strings().withCharRange('\u0000', '\uD7FF').withCharRange('\uE000', '\uFFFF');
    }

    /** Integers, longs at the edges, and decimals and big integers no {@code long} or {@code double} holds. */
    public static Arbitrary<JsonNode> numbers() {
        return Arbitraries.oneOf(
                Arbitraries.integers().map(NODES::numberNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.of(SPECIAL_NUMBERS).map(JsonFuzz::number));
    }

    /** JSON values of random shapes, at most three levels deep. */
    public static Arbitrary<JsonNode> values() {
        return values(3);
    }

    /** A random JSON object (the shape every request body must have). */
    public static Arbitrary<ObjectNode> objects() {
        return Arbitraries.maps(keys(), values(2)).ofMaxSize(6).map(JsonFuzz::object);
    }

    /**
     * Valid documents with one to four mutations each: a value removed, replaced by a random value, set to null,
     * wrapped in an array, an array element duplicated or a random field added.
     */
    public static Arbitrary<JsonNode> mutants(List<? extends JsonNode> seeds) {
        return Combinators.combine(Arbitraries.of(seeds), mutations()).as(JsonFuzz::mutate);
    }

    /** One to four mutations, to apply with {@link #mutate} to a document of the caller's choice. */
    public static Arbitrary<List<Mutation>> mutations() {
        return Combinators.combine(Arbitraries.integers().greaterOrEqual(0), Arbitraries.of(Kind.class), keys(),
                values()).as(Mutation::new).list().ofMinSize(1).ofMaxSize(4);
    }

    /** A copy of {@code seed} with the mutations applied in order. */
    public static JsonNode mutate(JsonNode seed, List<Mutation> mutations) {
        JsonNode root = seed.deepCopy();
        for (Mutation mutation : mutations) {
            root = mutation.apply(root);
        }
        return root;
    }

    private static Arbitrary<String> keys() {
        return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(KEYS)),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(6)));
    }

    private static Arbitrary<JsonNode> values(int depth) {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(Arbitraries.just(NODES.nullNode()),
                Arbitraries.of(true, false).map(NODES::booleanNode), numbers(),
                strings().map(NODES::textNode));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonNode> inner = Arbitraries.lazy(() -> values(depth - 1));
        Arbitrary<JsonNode> array = inner.list().ofMaxSize(4).map(items -> {
            ArrayNode out = NODES.arrayNode();
            items.forEach(out::add);
            return out;
        });
        Arbitrary<JsonNode> object = Arbitraries.maps(keys(), inner).ofMaxSize(5).map(JsonFuzz::object);
        return Arbitraries.frequencyOf(Tuple.of(3, leaf), Tuple.of(1, array),
                Tuple.of(2, object));
    }

    private static ObjectNode object(Map<String, JsonNode> fields) {
        ObjectNode out = NODES.objectNode();
        fields.forEach(out::set);
        return out;
    }

    private static JsonNode number(String text) {
        BigDecimal value = new BigDecimal(text);
        if (value.scale() <= 0 && (long) value.precision() - value.scale() < 40) {
            return NODES.numberNode(value.toBigIntegerExact());
        }
        return NODES.numberNode(value);
    }

    /** What a mutation does at its place. */
    public enum Kind { REMOVE, REPLACE, NULL, WRAP, DUPLICATE, ADD_FIELD }

    /**
     * One change to a document.
     *
     * @param at picks the place: the index, modulo their number, among every value below the root
     * @param kind what to do there
     * @param key the field name {@link Kind#ADD_FIELD} adds
     * @param value the value {@link Kind#REPLACE} and {@link Kind#ADD_FIELD} put
     */
    public record Mutation(int at, Kind kind, String key, JsonNode value) {

        JsonNode apply(JsonNode root) {
            List<Place> places = new ArrayList<>();
            collect(root, places);
            if (places.isEmpty()) {
                return kind == Kind.REPLACE ? value.deepCopy() : root;
            }
            Place place = places.get(at % places.size());
            JsonNode current = place.get();
            switch (kind) {
                case REMOVE -> place.remove();
                case REPLACE -> place.set(value.deepCopy());
                case NULL -> place.set(NODES.nullNode());
                case WRAP -> place.set(NODES.arrayNode().add(current));
                case DUPLICATE -> {
                    if (place.parent() instanceof ArrayNode array) {
                        array.insert(place.index(), current.deepCopy());
                    } else {
                        place.set(NODES.arrayNode().add(current).add(current.deepCopy()));
                    }
                }
                case ADD_FIELD -> {
                    ObjectNode target = current instanceof ObjectNode object ? object
                            : place.parent() instanceof ObjectNode parent ? parent : null;
                    if (target != null) {
                        target.set(key, value.deepCopy());
                    }
                }
            }
            return root;
        }

        private static void collect(JsonNode node, List<Place> places) {
            if (node instanceof ObjectNode object) {
                for (String field : iterable(object)) {
                    places.add(new Place(object, field, -1));
                    collect(object.get(field), places);
                }
            } else if (node instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    places.add(new Place(array, null, i));
                    collect(array.get(i), places);
                }
            }
        }

        private static List<String> iterable(ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            return names;
        }
    }

    /** A value's place in its parent: a field of an object or an index of an array. */
    private record Place(JsonNode parent, String field, int index) {

        JsonNode get() {
            return field != null ? parent.get(field) : parent.get(index);
        }

        void set(JsonNode value) {
            if (field != null) {
                ((ObjectNode) parent).set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void remove() {
            if (field != null) {
                ((ObjectNode) parent).remove(field);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }
}
