package io.tollgate.adapters.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.GatewayException;
import java.util.Optional;

/**
 * OpenAI's {@code response_format} as a system instruction for an upstream that cannot enforce it. A best effort:
 * the model is asked, not forced, to answer in JSON.
 */
final class ResponseFormats {

    static final String JSON_OBJECT = "Respond only with a single valid JSON object, with no text before or after it.";
    static final String JSON_SCHEMA = "Respond only with a single valid JSON object that conforms to the following "
            + "JSON Schema, with no text before or after it:\n";

    private ResponseFormats() {
    }

    /**
     * The instruction as a text block, or empty for {@code text} or no format. A {@code json_schema} without a
     * {@code schema} asks for any JSON object.
     *
     * @throws GatewayException naming {@code response_format} when it is malformed
     */
    static Optional<ObjectNode> instruction(JsonNode format) {
        if (Json.absent(format)) {
            return Optional.empty();
        }
        Params.requireObject(format, "response_format");
        String type = Params.requireString(format.path("type"), "response_format.type");
        String text = switch (type) {
            case "text" -> "";
            case "json_object" -> JSON_OBJECT;
            case "json_schema" -> {
                JsonNode schema = Params.requireObject(format.path("json_schema"), "response_format.json_schema")
                        .path("schema");
                if (Json.absent(schema)) {
                    yield JSON_OBJECT;
                }
                yield JSON_SCHEMA + Json.write(Params.requireObject(schema, "response_format.json_schema.schema"));
            }
            default -> throw GatewayException.invalid("response_format.type",
                    "'response_format.type' must be text, json_object or json_schema, was '" + type + "'");
        };
        return text.isEmpty() ? Optional.empty() : Optional.of(Json.object().put("type", "text").put("text", text));
    }
}
