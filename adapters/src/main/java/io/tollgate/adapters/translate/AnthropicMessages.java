package io.tollgate.adapters.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.GatewayException;

/**
 * Converts Anthropic's {@code system} and {@code messages} into OpenAI chat {@code messages}. A user turn's
 * {@code tool_result} blocks become {@code tool} messages placed before the rest of the turn (OpenAI wants them
 * right after the assistant's tool calls); images inside tool results move to that following user message,
 * since tool messages hold only text.
 */
final class AnthropicMessages {

    /** What a failed tool result's text starts with; OpenAI has no {@code is_error}. */
    static final String ERROR_PREFIX = "Error: ";

    private AnthropicMessages() {
    }

    static ArrayNode toOpenAi(JsonNode system, ArrayNode messages) {
        ArrayNode out = Json.array();
        String systemText = system(system);
        if (!systemText.isEmpty()) {
            out.addObject().put("role", "system").put("content", systemText);
        }
        for (int i = 0; i < messages.size(); i++) {
            String p = "messages[" + i + "]";
            JsonNode message = Params.requireObject(messages.get(i), p);
            String role = Params.requireString(message.path("role"), p + ".role");
            JsonNode content = message.path("content");
            if (!content.isTextual() && !content.isArray()) {
                throw GatewayException.invalid(p + ".content", "'" + p + ".content' must be a string or an array");
            }
            switch (role) {
                case "user" -> user(content, p + ".content", out);
                case "assistant" -> assistant(content, p + ".content", out);
                default -> throw GatewayException.invalid(p + ".role", "role must be user or assistant, was '" + role
                        + "'");
            }
        }
        return out;
    }

    /** The system prompt as one string; several text blocks are joined with a blank line. */
    private static String system(JsonNode system) {
        if (Json.absent(system)) {
            return "";
        }
        if (system.isTextual()) {
            return system.textValue();
        }
        if (!system.isArray()) {
            throw GatewayException.invalid("system", "'system' must be a string or an array of text blocks");
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < system.size(); i++) {
            JsonNode block = system.get(i);
            requireType(block, "text", "system[" + i + "]");
            if (!text.isEmpty()) {
                text.append("\n\n");
            }
            text.append(Params.requireString(block.path("text"), "system[" + i + "].text"));
        }
        return text.toString();
    }

    private static void user(JsonNode content, String p, ArrayNode out) {
        if (content.isTextual()) {
            out.addObject().put("role", "user").put("content", content.textValue());
            return;
        }
        ArrayNode parts = Json.array();
        for (int j = 0; j < content.size(); j++) {
            JsonNode block = content.get(j);
            String pp = p + "[" + j + "]";
            switch (Params.requireString(block.path("type"), pp + ".type")) {
                case "text" -> parts.addObject().put("type", "text")
                        .put("text", Params.requireString(block.path("text"), pp + ".text"));
                case "image" -> parts.add(image(block, pp));
                case "tool_result" -> out.add(toolResult(block, pp, parts));
                default -> throw GatewayException.invalid(pp + ".type", "content block type '"
                        + block.path("type").asText() + "' is not supported by an OpenAI-compatible upstream");
            }
        }
        if (parts.isEmpty()) {
            return;
        }
        ObjectNode message = out.addObject().put("role", "user");
        if (parts.size() == 1 && "text".equals(parts.get(0).path("type").asText())) {
            message.put("content", parts.get(0).path("text").asText());
        } else {
            message.set("content", parts);
        }
    }

    private static ObjectNode toolResult(JsonNode block, String p, ArrayNode carriedImages) {
        ObjectNode message = Json.object().put("role", "tool");
        message.put("tool_call_id", Params.requireString(block.path("tool_use_id"), p + ".tool_use_id"));
        JsonNode content = block.path("content");
        StringBuilder text = new StringBuilder();
        if (block.path("is_error").asBoolean(false)) {
            text.append(ERROR_PREFIX);
        }
        if (content.isTextual()) {
            text.append(content.textValue());
        } else if (content.isArray()) {
            String separator = "";
            for (int k = 0; k < content.size(); k++) {
                JsonNode part = content.get(k);
                String pp = p + ".content[" + k + "]";
                switch (Params.requireString(part.path("type"), pp + ".type")) {
                    case "text" -> {
                        text.append(separator).append(Params.requireString(part.path("text"), pp + ".text"));
                        separator = "\n";
                    }
                    case "image" -> carriedImages.add(image(part, pp));
                    default -> throw GatewayException.invalid(pp + ".type", "tool result block type '"
                            + part.path("type").asText() + "' is not supported by an OpenAI-compatible upstream");
                }
            }
        } else if (!Json.absent(content)) {
            throw GatewayException.invalid(p + ".content", "'" + p + ".content' must be a string or an array");
        }
        return message.put("content", text.toString());
    }

    private static void assistant(JsonNode content, String p, ArrayNode out) {
        if (content.isTextual()) {
            out.addObject().put("role", "assistant").put("content", content.textValue());
            return;
        }
        StringBuilder text = new StringBuilder();
        ArrayNode calls = Json.array();
        for (int j = 0; j < content.size(); j++) {
            JsonNode block = content.get(j);
            String pp = p + "[" + j + "]";
            switch (Params.requireString(block.path("type"), pp + ".type")) {
                case "text" -> text.append(Params.requireString(block.path("text"), pp + ".text"));
                case "tool_use" -> calls.add(ToolMappings.openAiToolCall(
                        Params.requireString(block.path("id"), pp + ".id"),
                        Params.requireString(block.path("name"), pp + ".name"),
                        Params.requireObject(block.path("input"), pp + ".input")));
                case "thinking", "redacted_thinking" -> {
                    // an OpenAI-compatible upstream cannot take Anthropic's signed thinking back
                }
                default -> throw GatewayException.invalid(pp + ".type", "content block type '"
                        + block.path("type").asText() + "' is not supported by an OpenAI-compatible upstream");
            }
        }
        if (text.isEmpty() && calls.isEmpty()) {
            return;
        }
        out.add(ToolMappings.openAiAssistantMessage(text.toString(), calls));
    }

    private static ObjectNode image(JsonNode block, String p) {
        JsonNode source = Params.requireObject(block.path("source"), p + ".source");
        String url = switch (Params.requireString(source.path("type"), p + ".source.type")) {
            case "base64" -> "data:" + Params.requireString(source.path("media_type"), p + ".source.media_type")
                    + ";base64," + Params.requireString(source.path("data"), p + ".source.data");
            case "url" -> Params.requireString(source.path("url"), p + ".source.url");
            default -> throw GatewayException.invalid(p + ".source.type", "image source type '"
                    + source.path("type").asText() + "' is not supported by an OpenAI-compatible upstream");
        };
        ObjectNode part = Json.object().put("type", "image_url");
        part.putObject("image_url").put("url", url);
        return part;
    }

    private static void requireType(JsonNode block, String type, String p) {
        if (!type.equals(block.path("type").asText())) {
            throw GatewayException.invalid(p + ".type", "'" + p + ".type' must be " + type);
        }
    }
}
