package io.tollgate.adapters.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tollgate.adapters.GatewayException;

/**
 * Checks of client request fields. Every failure is a {@link GatewayException#invalid(String, String)} naming the
 * parameter the way the client wrote it ({@code messages[2].content[0].image_url.url}). Shared by the format
 * packages; stateless, safe from any thread.
 */
public final class Params {

    private Params() {
    }

    /** A required, non-blank string. */
    public static String requireText(JsonNode request, String field) {
        JsonNode value = request.path(field);
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw GatewayException.invalid(field, "'" + field + "' is required and must be a non-empty string");
        }
        return value.textValue();
    }

    /** A required, non-empty array. */
    public static ArrayNode requireArray(JsonNode request, String field) {
        JsonNode value = request.path(field);
        if (!value.isArray() || value.isEmpty()) {
            throw GatewayException.invalid(field, "'" + field + "' is required and must be a non-empty array");
        }
        return (ArrayNode) value;
    }

    /** An array when present; an empty array when absent or null. */
    public static ArrayNode optionalArray(JsonNode value, String param) {
        if (Json.absent(value)) {
            return Json.array();
        }
        if (!value.isArray()) {
            throw GatewayException.invalid(param, "'" + param + "' must be an array");
        }
        return (ArrayNode) value;
    }

    /** An object, required. */
    public static JsonNode requireObject(JsonNode value, String param) {
        if (!value.isObject()) {
            throw GatewayException.invalid(param, "'" + param + "' must be an object");
        }
        return value;
    }

    /** A string, required. */
    public static String requireString(JsonNode value, String param) {
        if (!value.isTextual()) {
            throw GatewayException.invalid(param, "'" + param + "' must be a string");
        }
        return value.textValue();
    }

    /** A positive integer. */
    public static long positive(JsonNode value, String param) {
        if (!value.isIntegralNumber() || value.asLong() < 1) {
            throw GatewayException.invalid(param, "'" + param + "' must be a positive integer, was " + value);
        }
        return value.asLong();
    }

    /** A number. */
    public static double number(JsonNode value, String param) {
        if (!value.isNumber()) {
            throw GatewayException.invalid(param, "'" + param + "' must be a number, was " + value);
        }
        return value.asDouble();
    }

    /** A boolean. */
    public static boolean bool(JsonNode value, String param) {
        if (!value.isBoolean()) {
            throw GatewayException.invalid(param, "'" + param + "' must be a boolean, was " + value);
        }
        return value.booleanValue();
    }

    /**
     * A string or an array of strings (OpenAI's {@code stop}), as an array.
     *
     * @throws GatewayException naming the parameter (or the element) for anything else
     */
    public static ArrayNode strings(JsonNode value, String param) {
        ArrayNode out = Json.array();
        if (value.isTextual()) {
            return out.add(value.textValue());
        }
        if (!value.isArray()) {
            throw GatewayException.invalid(param, "'" + param + "' must be a string or an array of strings");
        }
        for (int i = 0; i < value.size(); i++) {
            out.add(requireString(value.get(i), param + "[" + i + "]"));
        }
        return out;
    }

    /**
     * Message content as an array of parts: a string becomes one {@code text} part, an absent or null content no
     * parts, an array is returned as it is.
     *
     * @throws GatewayException naming the parameter when the content is neither a string nor an array
     */
    public static ArrayNode contentParts(JsonNode content, String param) {
        if (content.isTextual()) {
            ArrayNode parts = Json.array();
            parts.addObject().put("type", "text").put("text", content.textValue());
            return parts;
        }
        if (Json.absent(content)) {
            return Json.array();
        }
        if (!content.isArray()) {
            throw GatewayException.invalid(param, "'" + param + "' must be a string or an array of content parts");
        }
        return (ArrayNode) content;
    }
}
