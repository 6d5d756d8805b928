package io.tollgate.adapters.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.GatewayException;

/**
 * Request bodies between Anthropic Messages and Bedrock Converse: content through {@link ConverseContent}, the
 * sampling fields in {@code inferenceConfig}, the tools in {@code toolConfig}.
 */
final class ConverseRequests {

    private ConverseRequests() {
    }

    /**
     * An Anthropic request as a Converse request. Anthropic's {@code tool_choice: none} has no Converse form and is
     * dropped (the tools stay: Converse refuses tool blocks in the history without them), as are {@code top_k},
     * {@code metadata}, {@code stream} and {@code disable_parallel_tool_use}.
     *
     * @param keepMaxTokens whether {@code max_tokens} came from the client (Converse does not require it)
     */
    static ObjectNode toConverse(JsonNode request, boolean keepMaxTokens) {
        ObjectNode out = Trees.object();
        out.set("messages", ConverseContent.messagesToConverse(request.path("messages")));
        ArrayNode system = ConverseContent.systemToConverse(request.path("system"));
        if (!system.isEmpty()) {
            out.set("system", system);
        }
        ObjectNode config = Trees.object();
        if (keepMaxTokens) {
            Trees.copy(request, "max_tokens", config, "maxTokens");
        }
        Trees.copy(request, "temperature", config, "temperature");
        Trees.copy(request, "top_p", config, "topP");
        Trees.copy(request, "stop_sequences", config, "stopSequences");
        if (!config.isEmpty()) {
            out.set("inferenceConfig", config);
        }
        JsonNode tools = request.path("tools");
        if (tools.isArray() && !tools.isEmpty()) {
            ObjectNode toolConfig = out.putObject("toolConfig");
            ArrayNode specs = toolConfig.putArray("tools");
            for (JsonNode tool : tools) {
                ObjectNode spec = specs.addObject().putObject("toolSpec");
                spec.put("name", tool.path("name").asText());
                Trees.copy(tool, "description", spec, "description");
                spec.putObject("inputSchema").set("json", tool.path("input_schema").deepCopy());
            }
            JsonNode choice = choiceToConverse(request.path("tool_choice"));
            if (!choice.isMissingNode()) {
                toolConfig.set("toolChoice", choice);
            }
        }
        return out;
    }

    private static JsonNode choiceToConverse(JsonNode choice) {
        ObjectNode out = Trees.object();
        switch (choice.path("type").asText("")) {
            case "auto" -> out.putObject("auto");
            case "any" -> out.putObject("any");
            case "tool" -> out.putObject("tool").put("name", choice.path("name").asText());
            default -> {
                return MissingNode.getInstance();
            }
        }
        return out;
    }

    /**
     * A Converse request as an Anthropic request. {@code additionalModelRequestFields}, guardrails, prompt
     * variables and cache points are dropped; a Converse request without {@code maxTokens} gets
     * {@code defaultMaxTokens} (Anthropic requires one).
     *
     * @throws GatewayException {@code INVALID_REQUEST} for missing messages or content the route cannot carry
     */
    static ObjectNode toAnthropic(JsonNode converse, String model, long defaultMaxTokens, boolean stream) {
        JsonNode messages = converse.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            throw GatewayException.invalid("messages", "'messages' is required and must be a non-empty array");
        }
        ObjectNode out = Trees.object();
        out.put("model", model);
        JsonNode config = converse.path("inferenceConfig");
        if (config.path("maxTokens").isIntegralNumber()) {
            out.put("max_tokens", config.path("maxTokens").asLong());
        } else {
            out.put("max_tokens", defaultMaxTokens);
        }
        ArrayNode system = ConverseContent.systemToAnthropic(converse.path("system"));
        if (!system.isEmpty()) {
            out.set("system", system);
        }
        out.set("messages", ConverseContent.messagesToAnthropic(messages));
        Trees.copy(config, "temperature", out, "temperature");
        Trees.copy(config, "topP", out, "top_p");
        Trees.copy(config, "stopSequences", out, "stop_sequences");
        if (stream) {
            out.put("stream", true);
        }
        JsonNode toolConfig = converse.path("toolConfig");
        ArrayNode tools = Trees.array();
        for (JsonNode tool : toolConfig.path("tools")) {
            JsonNode spec = tool.path("toolSpec");
            if (spec.isObject()) {
                ObjectNode converted = tools.addObject().put("name", spec.path("name").asText());
                Trees.copy(spec, "description", converted, "description");
                Trees.copy(spec.path("inputSchema"), "json", converted, "input_schema");
            }
        }
        if (!tools.isEmpty()) {
            out.set("tools", tools);
        }
        JsonNode choice = toolConfig.path("toolChoice");
        if (choice.has("auto")) {
            out.putObject("tool_choice").put("type", "auto");
        } else if (choice.has("any")) {
            out.putObject("tool_choice").put("type", "any");
        } else if (choice.has("tool")) {
            out.putObject("tool_choice").put("type", "tool").put("name", choice.path("tool").path("name").asText());
        }
        return out;
    }
}
