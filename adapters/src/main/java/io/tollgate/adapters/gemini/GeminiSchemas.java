package io.tollgate.adapters.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.translate.Json;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * JSON Schema (OpenAI function {@code parameters}, {@code response_format.json_schema.schema}) to and from the
 * Gemini {@code Schema}, "a select subset of an OpenAPI 3.0 schema object". The fields Gemini's v1beta
 * {@code Schema} message has (type, format, title, description, nullable, enum, properties, required,
 * propertyOrdering, items, anyOf, min/maxItems, min/maxLength, pattern, min/maxProperties, minimum, maximum,
 * default, example: the {@code google.ai.generativelanguage.v1beta.Schema} reference) are kept; every other
 * keyword ({@code additionalProperties}, {@code $schema}, {@code strict}, {@code exclusiveMinimum}, ...) is
 * dropped, as Gemini's function-calling docs ask.
 *
 * <p>Rewrites: local {@code $ref}s to {@code $defs} / {@code definitions} are inlined (a recursive one is refused);
 * a type list with {@code "null"} becomes {@code nullable}; several types become {@code anyOf}; {@code oneOf}
 * becomes {@code anyOf}; a single-element {@code allOf} is inlined; a string {@code const} becomes a one-value
 * {@code enum}; a non-string {@code enum} is dropped (Gemini enums are strings); {@code format} is kept only for
 * the formats Gemini documents (float, double, int32, int64, enum, date-time).
 */
final class GeminiSchemas {

    private static final Set<String> COPIED = Set.of("title", "description", "required", "propertyOrdering",
            "minItems", "maxItems", "minLength", "maxLength", "pattern", "minProperties", "maxProperties", "minimum",
            "maximum", "default", "example", "nullable");
    private static final Set<String> FORMATS = Set.of("float", "double", "int32", "int64", "enum", "date-time");
    private static final int MAX_DEPTH = 32;

    private GeminiSchemas() {
    }

    /**
     * A JSON Schema as a Gemini {@code Schema}.
     *
     * @param param the request field the schema came from, for error messages
     * @throws GatewayException naming {@code param} for a recursive or non-local {@code $ref}, or a schema nested
     *     deeper than 32 levels
     */
    static ObjectNode toGemini(JsonNode schema, String param) {
        return toGemini(schema, schema, param, 0);
    }

    private static ObjectNode toGemini(JsonNode schema, JsonNode root, String param, int depth) {
        if (depth > MAX_DEPTH) {
            throw GatewayException.invalid(param, "'" + param + "' is nested too deeply or has a recursive $ref");
        }
        ObjectNode out = Json.object();
        if (!schema.isObject()) {
            return out;
        }
        if (schema.path("$ref").isTextual()) {
            return toGemini(resolve(schema.path("$ref").textValue(), root, param), root, param, depth + 1);
        }
        JsonNode allOf = schema.path("allOf");
        if (allOf.isArray() && allOf.size() == 1) {
            out.setAll(toGemini(allOf.get(0), root, param, depth + 1));
        }
        type(schema.path("type"), out);
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            switch (key) {
                case "properties" -> {
                    ObjectNode properties = out.putObject("properties");
                    value.fields().forEachRemaining(p -> properties.set(p.getKey(),
                            toGemini(p.getValue(), root, param, depth + 1)));
                }
                case "items" -> {
                    if (value.isObject()) {
                        out.set("items", toGemini(value, root, param, depth + 1));
                    }
                }
                case "anyOf", "oneOf" -> {
                    ArrayNode any = out.putArray("anyOf");
                    value.forEach(v -> any.add(toGemini(v, root, param, depth + 1)));
                }
                case "enum" -> {
                    if (value.isArray() && !value.isEmpty() && allText(value)) {
                        out.set("enum", value.deepCopy());
                    }
                }
                case "const" -> {
                    if (value.isTextual()) {
                        out.putArray("enum").add(value.textValue());
                    }
                }
                case "format" -> {
                    if (FORMATS.contains(value.asText())) {
                        out.set("format", value);
                    }
                }
                default -> {
                    if (COPIED.contains(key)) {
                        out.set(key, value.deepCopy());
                    }
                }
            }
        }
        return out;
    }

    /** A JSON Schema {@code type}: a name, or a list where {@code "null"} means nullable. */
    private static void type(JsonNode type, ObjectNode out) {
        if (type.isTextual()) {
            out.put("type", type.textValue());
            return;
        }
        if (!type.isArray()) {
            return;
        }
        ArrayNode others = Json.array();
        for (JsonNode t : type) {
            if ("null".equals(t.asText())) {
                out.put("nullable", true);
            } else {
                others.add(t.asText());
            }
        }
        if (others.size() == 1) {
            out.put("type", others.get(0).asText());
        } else if (others.size() > 1) {
            ArrayNode any = out.putArray("anyOf");
            others.forEach(t -> any.addObject().put("type", t.asText()));
        }
    }

    private static JsonNode resolve(String ref, JsonNode root, String param) {
        for (String prefix : new String[] {"#/$defs/", "#/definitions/"}) {
            if (ref.startsWith(prefix)) {
                String section = prefix.substring(2, prefix.length() - 1);
                JsonNode target = root.path(section).path(ref.substring(prefix.length()));
                if (target.isObject()) {
                    return target;
                }
            }
        }
        throw GatewayException.invalid(param, "'" + param + "' has a $ref the upstream cannot resolve: " + ref);
    }

    private static boolean allText(JsonNode values) {
        for (JsonNode v : values) {
            if (!v.isTextual()) {
                return false;
            }
        }
        return true;
    }

    /**
     * A Gemini {@code Schema} as JSON Schema: type names lower-cased ({@code STRING} to {@code string}),
     * {@code nullable: true} folded into a type list with {@code "null"}, {@code propertyOrdering} and
     * {@code example} dropped; {@code properties}, {@code items} and {@code anyOf} converted recursively.
     */
    static ObjectNode toJsonSchema(JsonNode schema) {
        ObjectNode out = Json.object();
        if (!schema.isObject()) {
            return out;
        }
        boolean nullable = schema.path("nullable").asBoolean(false);
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "type" -> {
                    String type = value.asText().toLowerCase(Locale.ROOT);
                    if (nullable) {
                        out.putArray("type").add(type).add("null");
                    } else {
                        out.put("type", type);
                    }
                }
                case "properties" -> {
                    ObjectNode properties = out.putObject("properties");
                    value.fields().forEachRemaining(p -> properties.set(p.getKey(), toJsonSchema(p.getValue())));
                }
                case "items" -> out.set("items", toJsonSchema(value));
                case "anyOf" -> {
                    ArrayNode any = out.putArray("anyOf");
                    value.forEach(v -> any.add(toJsonSchema(v)));
                }
                case "nullable", "propertyOrdering", "example" -> {
                    // folded into type, or no JSON Schema counterpart
                }
                default -> out.set(field.getKey(), value.deepCopy());
            }
        }
        return out;
    }
}
