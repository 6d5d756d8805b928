package io.tollgate.adapters.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tollgate.adapters.GatewayException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One function tool of an OpenAI request's {@code tools}, checked, for translators that declare it in another
 * dialect.
 *
 * @param name the function's name
 * @param description its description, empty when it has none
 * @param parameters its parameter schema as the client wrote it, a missing node when it has none
 */
public record FunctionTool(String name, String description, JsonNode parameters) {

    public FunctionTool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(parameters, "parameters");
    }

    /**
     * Reads OpenAI {@code tools}; only function tools exist in every dialect.
     *
     * @throws GatewayException naming {@code tools[i]...} for a tool that is not a function or is malformed
     */
    public static List<FunctionTool> readAll(ArrayNode tools) {
        List<FunctionTool> out = new ArrayList<>(tools.size());
        for (int i = 0; i < tools.size(); i++) {
            String p = "tools[" + i + "]";
            JsonNode tool = Params.requireObject(tools.get(i), p);
            String type = Params.requireString(tool.path("type"), p + ".type");
            if (!"function".equals(type)) {
                throw GatewayException.invalid(p + ".type", "only function tools are supported, was '" + type + "'");
            }
            JsonNode function = Params.requireObject(tool.path("function"), p + ".function");
            out.add(new FunctionTool(Params.requireString(function.path("name"), p + ".function.name"),
                    Json.text(function, "description", ""), function.path("parameters")));
        }
        return out;
    }
}
