package io.tollgate.adapters.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.GatewayException;

/**
 * Tool definitions, tool choice and the shapes of tool calls, between OpenAI's function tools and Anthropic's
 * client tools.
 */
final class ToolMappings {

    private ToolMappings() {
    }

    /** OpenAI {@code tools} into Anthropic {@code tools}; only function tools exist on both sides. */
    static ArrayNode toolsToAnthropic(ArrayNode tools) {
        ArrayNode out = Json.array();
        for (FunctionTool tool : FunctionTool.readAll(tools)) {
            ObjectNode converted = out.addObject();
            converted.put("name", tool.name());
            if (!tool.description().isEmpty()) {
                converted.put("description", tool.description());
            }
            JsonNode parameters = tool.parameters();
            converted.set("input_schema", parameters.isObject() ? parameters.deepCopy() : emptySchema());
        }
        return out;
    }

    /**
     * OpenAI {@code tool_choice} and {@code parallel_tool_calls} into Anthropic {@code tool_choice}: auto, none,
     * required (any) or a named function (tool); {@code parallel_tool_calls: false} sets
     * {@code disable_parallel_tool_use}.
     *
     * @return the choice, or a missing node when there is nothing to say
     */
    static JsonNode choiceToAnthropic(JsonNode choice, JsonNode parallel) {
        ObjectNode out = Json.object();
        if (choice.isTextual()) {
            switch (choice.textValue()) {
                case "auto" -> out.put("type", "auto");
                case "none" -> out.put("type", "none");
                case "required" -> out.put("type", "any");
                default -> throw GatewayException.invalid("tool_choice",
                        "'tool_choice' must be auto, none, required or a function, was '" + choice.textValue() + "'");
            }
        } else if (choice.isObject()) {
            if (!"function".equals(choice.path("type").asText())) {
                throw GatewayException.invalid("tool_choice.type", "only function tool choices are supported");
            }
            out.put("type", "tool");
            out.put("name", Params.requireString(choice.path("function").path("name"), "tool_choice.function.name"));
        } else if (!Json.absent(choice)) {
            throw GatewayException.invalid("tool_choice", "'tool_choice' must be a string or an object");
        }
        boolean serial = !Json.absent(parallel) && !Params.bool(parallel, "parallel_tool_calls");
        if (serial && !"none".equals(out.path("type").asText())) {
            if (out.isEmpty()) {
                out.put("type", "auto");
            }
            out.put("disable_parallel_tool_use", true);
        }
        return out.isEmpty() ? Json.missing() : out;
    }

    /** Anthropic {@code tools} into OpenAI function tools; Anthropic's server tools have no counterpart. */
    static ArrayNode toolsToOpenAi(ArrayNode tools) {
        ArrayNode out = Json.array();
        for (int i = 0; i < tools.size(); i++) {
            String p = "tools[" + i + "]";
            JsonNode tool = Params.requireObject(tools.get(i), p);
            String type = tool.path("type").asText("custom");
            if (!"custom".equals(type)) {
                throw GatewayException.invalid(p + ".type", "Anthropic server tool '" + type
                        + "' is not supported by an OpenAI-compatible upstream");
            }
            ObjectNode function = out.addObject().put("type", "function").putObject("function");
            function.put("name", Params.requireString(tool.path("name"), p + ".name"));
            if (tool.path("description").isTextual()) {
                function.put("description", tool.path("description").textValue());
            }
            JsonNode schema = tool.path("input_schema");
            function.set("parameters", schema.isObject() ? schema.deepCopy() : emptySchema());
        }
        return out;
    }

    /**
     * Anthropic {@code tool_choice} into OpenAI {@code tool_choice} and {@code parallel_tool_calls}, written into
     * {@code out}: auto, any (required), tool (a named function), none.
     */
    static void choiceToOpenAi(JsonNode choice, ObjectNode out) {
        if (Json.absent(choice)) {
            return;
        }
        Params.requireObject(choice, "tool_choice");
        String type = Params.requireString(choice.path("type"), "tool_choice.type");
        switch (type) {
            case "auto" -> out.put("tool_choice", "auto");
            case "any" -> out.put("tool_choice", "required");
            case "none" -> out.put("tool_choice", "none");
            case "tool" -> out.putObject("tool_choice").put("type", "function").putObject("function")
                    .put("name", Params.requireString(choice.path("name"), "tool_choice.name"));
            default -> throw GatewayException.invalid("tool_choice.type",
                    "'tool_choice.type' must be auto, any, tool or none, was '" + type + "'");
        }
        if (choice.path("disable_parallel_tool_use").asBoolean(false) && !"none".equals(type)) {
            out.put("parallel_tool_calls", false);
        }
    }

    /** An OpenAI tool call; the input becomes compact JSON {@code arguments}. */
    static ObjectNode openAiToolCall(String id, String name, JsonNode input) {
        ObjectNode call = Json.object().put("id", id).put("type", "function");
        call.putObject("function").put("name", name).put("arguments", Json.write(input));
        return call;
    }

    /** An OpenAI assistant message: {@code content} null when there is no text, {@code tool_calls} if any. */
    static ObjectNode openAiAssistantMessage(String text, ArrayNode calls) {
        ObjectNode message = Json.object().put("role", "assistant");
        if (text.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text);
        }
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
        return message;
    }

    /** An Anthropic {@code tool_use} block. */
    static ObjectNode anthropicToolUse(String id, String name, JsonNode input) {
        ObjectNode block = Json.object().put("type", "tool_use").put("id", id).put("name", name);
        block.set("input", input);
        return block;
    }

    private static ObjectNode emptySchema() {
        ObjectNode schema = Json.object().put("type", "object");
        schema.putObject("properties");
        return schema;
    }
}
