package io.tollgate.adapters.bedrock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;

/** The few tree operations of this package, over the module's shared mapper. */
final class Trees {

    private Trees() {
    }

    static ObjectNode object() {
        return Json.object();
    }

    static ArrayNode array() {
        return Json.MAPPER.createArrayNode();
    }

    /** Parses the payload of an upstream event; the upstream is at fault when it is not a JSON object. */
    static JsonNode parseUpstream(String data) {
        try {
            JsonNode node = Json.MAPPER.readTree(data);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JsonProcessingException e) {
            throw GatewayException.of(ErrorKind.UPSTREAM_ERROR, "Bedrock sent an event that is not valid JSON", e);
        }
        throw GatewayException.of(ErrorKind.UPSTREAM_ERROR, "Bedrock sent an event that is not a JSON object");
    }

    /** True when the node is absent or JSON null. */
    static boolean absent(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull();
    }

    /** A non-negative count, 0 when absent or not a number. */
    static long count(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? Math.max(0, value.asLong()) : 0;
    }

    /** Copies {@code from.field} to {@code to.as} when it is present. */
    static void copy(JsonNode from, String field, ObjectNode to, String as) {
        JsonNode value = from.path(field);
        if (!absent(value)) {
            to.set(as, value.deepCopy());
        }
    }
}
