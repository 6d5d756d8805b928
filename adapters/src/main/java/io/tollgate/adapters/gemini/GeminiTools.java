package io.tollgate.adapters.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.translate.FunctionTool;
import io.tollgate.adapters.translate.Json;
import io.tollgate.adapters.translate.Params;
import java.util.List;

/**
 * Tool definitions and tool choice between OpenAI's function tools and Gemini's {@code functionDeclarations}
 * and {@code toolConfig.functionCallingConfig}, in both directions.
 */
final class GeminiTools {

    private GeminiTools() {
    }

    /**
     * OpenAI {@code tools} as one Gemini tool with {@code functionDeclarations}. Parameters go through
     * {@link GeminiSchemas#toGemini}; a parameter schema without properties is left out (Gemini refuses an
     * OBJECT without properties).
     */
    static ArrayNode toGemini(ArrayNode tools) {
        ArrayNode declarations = Json.array();
        List<FunctionTool> functions = FunctionTool.readAll(tools);
        for (int i = 0; i < functions.size(); i++) {
            FunctionTool function = functions.get(i);
            ObjectNode declaration = declarations.addObject().put("name", function.name());
            if (!function.description().isEmpty()) {
                declaration.put("description", function.description());
            }
            ObjectNode parameters = GeminiSchemas.toGemini(function.parameters(),
                    "tools[" + i + "].function.parameters");
            if (!parameters.path("properties").isEmpty()) {
                declaration.set("parameters", parameters);
            }
        }
        ArrayNode out = Json.array();
        out.addObject().set("functionDeclarations", declarations);
        return out;
    }

    /**
     * OpenAI {@code tool_choice} as {@code toolConfig}: auto AUTO, none NONE, required ANY, a named function ANY
     * with {@code allowedFunctionNames}.
     *
     * @return the {@code toolConfig}, or a missing node when there is nothing to say
     */
    static JsonNode choiceToGemini(JsonNode choice) {
        if (Json.absent(choice)) {
            return Json.missing();
        }
        ObjectNode config = Json.object();
        ObjectNode calling = config.putObject("functionCallingConfig");
        if (choice.isTextual()) {
            calling.put("mode", switch (choice.textValue()) {
                case "auto" -> "AUTO";
                case "none" -> "NONE";
                case "required" -> "ANY";
                default -> throw GatewayException.invalid("tool_choice",
                        "'tool_choice' must be auto, none, required or a function, was '" + choice.textValue() + "'");
            });
            return config;
        }
        Params.requireObject(choice, "tool_choice");
        if (!"function".equals(choice.path("type").asText())) {
            throw GatewayException.invalid("tool_choice.type", "only function tool choices are supported");
        }
        String name = Params.requireString(choice.path("function").path("name"), "tool_choice.function.name");
        calling.put("mode", "ANY").putArray("allowedFunctionNames").add(name);
        return config;
    }

    /**
     * Gemini {@code tools} as OpenAI function tools. {@code parameters} go through
     * {@link GeminiSchemas#toJsonSchema}; {@code parametersJsonSchema} is JSON Schema already and is kept. Google's
     * own tools ({@code googleSearch}, {@code codeExecution}, ...) have no OpenAI counterpart and are refused.
     */
    static ArrayNode toOpenAi(ArrayNode tools) {
        ArrayNode out = Json.array();
        for (int i = 0; i < tools.size(); i++) {
            String p = "tools[" + i + "]";
            JsonNode tool = Params.requireObject(tools.get(i), p);
            tool.fieldNames().forEachRemaining(name -> {
                if (!"functionDeclarations".equals(name)) {
                    throw GatewayException.invalid(p + "." + name, "the tool '" + name
                            + "' is not supported by the upstream provider; only functionDeclarations are");
                }
            });
            ArrayNode declarations = Params.optionalArray(tool.path("functionDeclarations"),
                    p + ".functionDeclarations");
            for (int j = 0; j < declarations.size(); j++) {
                out.add(function(declarations.get(j), p + ".functionDeclarations[" + j + "]"));
            }
        }
        return out;
    }

    private static ObjectNode function(JsonNode declaration, String p) {
        Params.requireObject(declaration, p);
        ObjectNode tool = Json.object().put("type", "function");
        ObjectNode function = tool.putObject("function");
        function.put("name", Params.requireString(declaration.path("name"), p + ".name"));
        if (declaration.path("description").isTextual()) {
            function.put("description", declaration.path("description").textValue());
        }
        if (declaration.path("parametersJsonSchema").isObject()) {
            function.set("parameters", declaration.path("parametersJsonSchema").deepCopy());
        } else if (declaration.path("parameters").isObject()) {
            function.set("parameters", GeminiSchemas.toJsonSchema(declaration.path("parameters")));
        } else {
            function.putObject("parameters").put("type", "object").putObject("properties");
        }
        return tool;
    }

    /**
     * Gemini {@code toolConfig.functionCallingConfig} as OpenAI {@code tool_choice}, written into {@code out}:
     * AUTO and VALIDATED auto, NONE none, ANY required, or the function when exactly one is allowed. ANY with
     * several allowed names cannot be said in OpenAI's terms and becomes required over all tools.
     */
    static void choiceToOpenAi(JsonNode toolConfig, ObjectNode out) {
        JsonNode calling = toolConfig.path("functionCallingConfig");
        if (!calling.isObject()) {
            return;
        }
        String mode = calling.path("mode").asText("AUTO");
        JsonNode allowed = calling.path("allowedFunctionNames");
        switch (mode) {
            case "AUTO", "VALIDATED", "MODE_UNSPECIFIED" -> out.put("tool_choice", "auto");
            case "NONE" -> out.put("tool_choice", "none");
            case "ANY" -> {
                if (allowed.isArray() && allowed.size() == 1) {
                    out.putObject("tool_choice").put("type", "function").putObject("function")
                            .put("name", allowed.get(0).asText());
                } else {
                    out.put("tool_choice", "required");
                }
            }
            default -> throw GatewayException.invalid("toolConfig.functionCallingConfig.mode",
                    "'toolConfig.functionCallingConfig.mode' must be AUTO, ANY, NONE or VALIDATED, was '" + mode + "'");
        }
    }
}
