package io.tollgate.adapters.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.GatewayException;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts OpenAI chat {@code messages} into Anthropic's top-level {@code system} and alternating
 * {@code messages}. System and developer messages are lifted out wherever they stand; tool messages become
 * {@code tool_result} blocks of a user turn; consecutive turns of one role are merged.
 */
final class OpenAiMessages {

    /**
     * The converted conversation.
     *
     * @param system the text blocks of every system and developer message, in order
     * @param messages Anthropic messages, roles alternating
     */
    record Converted(ArrayNode system, ArrayNode messages) {
    }

    private OpenAiMessages() {
    }

    static Converted toAnthropic(ArrayNode messages) {
        ArrayNode system = Json.array();
        ArrayNode out = Json.array();
        for (int i = 0; i < messages.size(); i++) {
            String p = "messages[" + i + "]";
            JsonNode message = Params.requireObject(messages.get(i), p);
            String role = Params.requireString(message.path("role"), p + ".role");
            switch (role) {
                case "system", "developer" -> system.addAll(contentBlocks(message.path("content"), p + ".content",
                        role));
                case "user" -> append(out, "user", contentBlocks(message.path("content"), p + ".content", role));
                case "assistant" -> append(out, "assistant", assistantBlocks(message, p));
                case "tool" -> append(out, "user", List.of(toolResult(message, p)));
                default -> throw GatewayException.invalid(p + ".role", "unsupported role '" + role
                        + "'; expected system, developer, user, assistant or tool");
            }
        }
        for (JsonNode m : out) {
            collapseSingleText((ObjectNode) m);
        }
        return new Converted(system, out);
    }

    private static void append(ArrayNode out, String role, List<ObjectNode> blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        JsonNode last = out.isEmpty() ? null : out.get(out.size() - 1);
        if (last != null && role.equals(last.path("role").asText())) {
            ((ArrayNode) last.path("content")).addAll(blocks);
            return;
        }
        ObjectNode message = out.addObject();
        message.put("role", role);
        message.putArray("content").addAll(blocks);
    }

    /** A turn that is one plain text block is written as a string, as most clients do. */
    private static void collapseSingleText(ObjectNode message) {
        JsonNode content = message.path("content");
        if (content.size() == 1 && content.get(0).size() == 2 && "text".equals(content.get(0).path("type").asText())) {
            message.put("content", content.get(0).path("text").asText());
        }
    }

    /**
     * Content as Anthropic blocks: a string, or parts. Text parts keep their {@code cache_control}; user
     * messages may also hold images, assistant messages refusals; any other part is refused.
     */
    private static List<ObjectNode> contentBlocks(JsonNode content, String p, String role) {
        List<ObjectNode> blocks = new ArrayList<>();
        ArrayNode parts = Params.contentParts(content, p);
        for (int j = 0; j < parts.size(); j++) {
            JsonNode part = parts.get(j);
            String pp = p + "[" + j + "]";
            String type = Params.requireString(part.path("type"), pp + ".type");
            if ("text".equals(type)) {
                textPart(blocks, part, pp);
            } else if ("image_url".equals(type) && "user".equals(role)) {
                blocks.add(image(part.path("image_url"), pp + ".image_url"));
            } else if ("refusal".equals(type) && "assistant".equals(role)) {
                addText(blocks, Params.requireString(part.path("refusal"), pp + ".refusal"));
            } else {
                throw GatewayException.invalid(pp + ".type", "content part type '" + type + "' in a " + role
                        + " message is not supported by the upstream provider");
            }
        }
        return blocks;
    }

    private static List<ObjectNode> assistantBlocks(JsonNode message, String p) {
        List<ObjectNode> blocks = contentBlocks(message.path("content"), p + ".content", "assistant");
        ArrayNode calls = Params.optionalArray(message.path("tool_calls"), p + ".tool_calls");
        for (int j = 0; j < calls.size(); j++) {
            blocks.add(toolUse(calls.get(j), p + ".tool_calls[" + j + "]"));
        }
        return blocks;
    }

    private static ObjectNode toolUse(JsonNode call, String p) {
        JsonNode function = Params.requireObject(call.path("function"), p + ".function");
        return ToolMappings.anthropicToolUse(Params.requireString(call.path("id"), p + ".id"),
                Params.requireString(function.path("name"), p + ".function.name"),
                arguments(function.path("arguments"), p + ".function.arguments").deepCopy());
    }

    /** Tool-call arguments: a JSON object, usually written as a string; an empty string is {}. */
    private static JsonNode arguments(JsonNode arguments, String p) {
        if (arguments.isObject()) {
            return arguments;
        }
        String text = Params.requireString(arguments, p);
        if (text.isBlank()) {
            return Json.object();
        }
        JsonNode parsed = Json.parseLenient(text);
        if (!parsed.isObject()) {
            throw GatewayException.invalid(p, "'" + p + "' must be a JSON object encoded as a string");
        }
        return parsed;
    }

    private static ObjectNode toolResult(JsonNode message, String p) {
        ObjectNode block = Json.object();
        block.put("type", "tool_result");
        block.put("tool_use_id", Params.requireString(message.path("tool_call_id"), p + ".tool_call_id"));
        JsonNode content = message.path("content");
        if (content.isTextual()) {
            if (!content.textValue().isEmpty()) {
                block.put("content", content.textValue());
            }
        } else {
            List<ObjectNode> parts = contentBlocks(content, p + ".content", "tool");
            if (!parts.isEmpty()) {
                block.putArray("content").addAll(parts);
            }
        }
        return block;
    }

    private static ObjectNode image(JsonNode imageUrl, String p) {
        String url = imageUrl.isTextual()
                ? imageUrl.textValue() : Params.requireString(imageUrl.path("url"), p + ".url");
        ObjectNode block = Json.object();
        block.put("type", "image");
        ObjectNode source = block.putObject("source");
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            String header = comma < 0 ? "" : url.substring(5, comma);
            if (!header.endsWith(";base64") || header.length() == ";base64".length()) {
                throw GatewayException.invalid(p + ".url", "a data URL must look like data:<media type>;base64,<data>");
            }
            source.put("type", "base64");
            source.put("media_type", header.substring(0, header.length() - ";base64".length()));
            source.put("data", url.substring(comma + 1));
        } else if (url.startsWith("https://") || url.startsWith("http://")) {
            source.put("type", "url");
            source.put("url", url);
        } else {
            throw GatewayException.invalid(p + ".url", "an image URL must be an http(s) or a base64 data URL");
        }
        return block;
    }

    private static void textPart(List<ObjectNode> blocks, JsonNode part, String p) {
        String text = Params.requireString(part.path("text"), p + ".text");
        if (text.isEmpty()) {
            return;
        }
        ObjectNode block = Json.object();
        block.put("type", "text");
        block.put("text", text);
        if (part.path("cache_control").isObject()) {
            block.set("cache_control", part.path("cache_control").deepCopy());
        }
        blocks.add(block);
    }

    private static void addText(List<ObjectNode> blocks, String text) {
        if (!text.isEmpty()) {
            blocks.add(Json.object().put("type", "text").put("text", text));
        }
    }
}
