package io.tollgate.adapters.translate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;

/**
 * The one Jackson mapper of the format packages ({@code translate}, {@code gemini}) and the few tree operations
 * every translator needs. The mapper is configured once and never changed afterwards, so sharing it across threads
 * is safe.
 */
public final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder(io.tollgate.adapters.Json.factory()).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    /** A new empty object. */
    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** The missing node, for "nothing to say". */
    public static JsonNode missing() {
        return NODES.missingNode();
    }

    /** A new empty array. */
    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** Compact JSON text of a tree. */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw GatewayException.of(ErrorKind.INTERNAL, "cannot serialize JSON", e);
        }
    }

    /** Parses the data of an upstream event; the upstream is at fault when it is not JSON. */
    public static JsonNode parseUpstream(String data) {
        try {
            return MAPPER.readTree(data);
        } catch (JsonProcessingException e) {
            throw GatewayException.of(ErrorKind.UPSTREAM_ERROR, "upstream sent an event that is not valid JSON", e);
        }
    }

    /**
     * Parses JSON text the client or the upstream wrote inside a string (tool-call arguments).
     *
     * @return the tree, or a missing node when the text is not JSON
     */
    public static JsonNode parseLenient(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            return node == null ? NODES.missingNode() : node;
        } catch (JsonProcessingException e) {
            return NODES.missingNode();
        }
    }

    /** Parses a body that may not be JSON at all; a missing node when it is not. */
    public static JsonNode parseLenient(byte[] body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            return node == null ? NODES.missingNode() : node;
        } catch (java.io.IOException e) {
            return NODES.missingNode();
        }
    }

    /** A field's text, or the fallback when it is absent or not a string. */
    public static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.textValue() : fallback;
    }

    /** A non-negative count, 0 when absent or not a number. */
    public static long count(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? Math.max(0, value.asLong()) : 0;
    }

    /** True when the node is absent or JSON null. */
    public static boolean absent(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull();
    }
}
