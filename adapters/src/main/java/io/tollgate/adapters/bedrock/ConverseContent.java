package io.tollgate.adapters.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;
import java.util.Locale;
import java.util.Set;

/**
 * Content blocks between Anthropic Messages and Bedrock Converse, which has the same structure under other names:
 * {@code {type: text}} is {@code {text}}, {@code tool_use} is {@code toolUse}, {@code tool_result} is
 * {@code toolResult}, a base64 {@code image} is {@code image {format, source {bytes}}}, and {@code cache_control} on
 * a block is a {@code cachePoint} block after it.
 */
final class ConverseContent {

    /** The image formats Converse takes. */
    static final Set<String> IMAGE_FORMATS = Set.of("png", "jpeg", "gif", "webp");

    private ConverseContent() {
    }

    /** Anthropic {@code system} (a string or text blocks) as Converse {@code system} blocks. */
    static ArrayNode systemToConverse(JsonNode system) {
        ArrayNode out = Trees.array();
        if (system.isTextual()) {
            if (!system.textValue().isEmpty()) {
                out.addObject().put("text", system.textValue());
            }
            return out;
        }
        for (JsonNode block : system) {
            out.addObject().put("text", block.path("text").asText(""));
            cachePoint(block, out);
        }
        return out;
    }

    /** Anthropic messages (roles alternating, content a string or blocks) as Converse messages. */
    static ArrayNode messagesToConverse(JsonNode messages) {
        ArrayNode out = Trees.array();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            ObjectNode converted = out.addObject();
            converted.put("role", message.path("role").asText());
            converted.set("content", blocksToConverse(message.path("content"), "messages[" + i + "].content"));
        }
        return out;
    }

    private static ArrayNode blocksToConverse(JsonNode content, String p) {
        ArrayNode out = Trees.array();
        if (content.isTextual()) {
            out.addObject().put("text", content.textValue());
            return out;
        }
        for (int j = 0; j < content.size(); j++) {
            JsonNode block = content.get(j);
            String type = block.path("type").asText();
            switch (type) {
                case "text" -> out.addObject().put("text", block.path("text").asText(""));
                case "image" -> out.add(imageToConverse(block.path("source"), p + "[" + j + "]"));
                case "tool_use" -> {
                    ObjectNode use = out.addObject().putObject("toolUse");
                    use.put("toolUseId", block.path("id").asText());
                    use.put("name", block.path("name").asText());
                    use.set("input", block.path("input").isObject() ? block.path("input").deepCopy() : Trees.object());
                }
                case "tool_result" -> out.add(toolResultToConverse(block, p + "[" + j + "]"));
                default -> throw GatewayException.invalid(p + "[" + j + "]",
                        "content of type '" + type + "' is not supported by Bedrock Converse");
            }
            cachePoint(block, out);
        }
        return out;
    }

    private static ObjectNode toolResultToConverse(JsonNode block, String p) {
        ObjectNode result = Trees.object();
        ObjectNode body = result.putObject("toolResult");
        body.put("toolUseId", block.path("tool_use_id").asText());
        ArrayNode content = body.putArray("content");
        JsonNode parts = block.path("content");
        if (parts.isArray()) {
            for (JsonNode part : blocksToConverse(parts, p + ".content")) {
                if (!part.has("cachePoint")) {
                    content.add(part);
                }
            }
        } else {
            content.addObject().put("text", parts.asText(""));
        }
        if (content.isEmpty()) {
            content.addObject().put("text", "");
        }
        body.put("status", block.path("is_error").asBoolean(false) ? "error" : "success");
        return result;
    }

    private static ObjectNode imageToConverse(JsonNode source, String p) {
        if (!"base64".equals(source.path("type").asText())) {
            throw GatewayException.invalid(p, "Bedrock takes images only as base64 data URLs, not by URL");
        }
        String mediaType = source.path("media_type").asText("");
        String format = mediaType.toLowerCase(Locale.ROOT).replaceFirst("^image/", "");
        if (!IMAGE_FORMATS.contains(format)) {
            throw GatewayException.invalid(p, "Bedrock takes png, jpeg, gif or webp images, not '" + mediaType + "'");
        }
        ObjectNode image = Trees.object();
        ObjectNode body = image.putObject("image");
        body.put("format", format);
        body.putObject("source").put("bytes", source.path("data").asText(""));
        return image;
    }

    /** A {@code cache_control} on an Anthropic block becomes a {@code cachePoint} after it (with its TTL). */
    private static void cachePoint(JsonNode block, ArrayNode out) {
        JsonNode control = block.path("cache_control");
        if (control.isObject()) {
            ObjectNode point = out.addObject().putObject("cachePoint").put("type", "default");
            Trees.copy(control, "ttl", point, "ttl");
        }
    }

    /** Converse {@code system} blocks as Anthropic text blocks; cache points and guard content are dropped. */
    static ArrayNode systemToAnthropic(JsonNode system) {
        ArrayNode out = Trees.array();
        for (JsonNode block : system) {
            if (block.has("text")) {
                out.addObject().put("type", "text").put("text", block.path("text").asText(""));
            }
        }
        return out;
    }

    /** Converse messages as Anthropic messages with block content. */
    static ArrayNode messagesToAnthropic(JsonNode messages) {
        ArrayNode out = Trees.array();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String p = "messages[" + i + "]";
            if (!message.path("content").isArray()) {
                throw GatewayException.invalid(p + ".content", "'" + p + ".content' must be an array");
            }
            ObjectNode converted = out.addObject();
            converted.put("role", message.path("role").asText());
            converted.set("content", blocksToAnthropic(message.path("content"), p + ".content"));
        }
        return out;
    }

    private static ArrayNode blocksToAnthropic(JsonNode content, String p) {
        ArrayNode out = Trees.array();
        for (int j = 0; j < content.size(); j++) {
            JsonNode block = content.get(j);
            String pp = p + "[" + j + "]";
            if (block.has("text")) {
                out.addObject().put("type", "text").put("text", block.path("text").asText(""));
            } else if (block.has("image")) {
                out.add(imageToAnthropic(block.path("image"), pp + ".image"));
            } else if (block.has("toolUse")) {
                JsonNode use = block.path("toolUse");
                ObjectNode converted = out.addObject().put("type", "tool_use");
                converted.put("id", use.path("toolUseId").asText()).put("name", use.path("name").asText());
                converted.set("input", use.path("input").isObject() ? use.path("input").deepCopy() : Trees.object());
            } else if (block.has("toolResult")) {
                out.add(toolResultToAnthropic(block.path("toolResult"), pp + ".toolResult"));
            } else if (!block.isObject() || block.isEmpty()) {
                throw GatewayException.invalid(pp, "a content block must be an object with one of text, image, "
                        + "toolUse or toolResult");
            } else if (!block.has("cachePoint") && !block.has("reasoningContent")) {
                throw GatewayException.invalid(pp, "content block " + block.fieldNames().next()
                        + " is not supported by this route; use text, image, toolUse or toolResult");
            }
        }
        return out;
    }

    private static ObjectNode toolResultToAnthropic(JsonNode result, String p) {
        ObjectNode out = Trees.object().put("type", "tool_result");
        out.put("tool_use_id", result.path("toolUseId").asText());
        ArrayNode parts = out.putArray("content");
        for (JsonNode part : result.path("content")) {
            if (part.has("json")) {
                parts.addObject().put("type", "text").put("text", Json.string(part.path("json")));
            } else if (part.has("image")) {
                parts.add(imageToAnthropic(part.path("image"), p + ".content"));
            } else {
                parts.addObject().put("type", "text").put("text", part.path("text").asText(""));
            }
        }
        if ("error".equals(result.path("status").asText())) {
            out.put("is_error", true);
        }
        return out;
    }

    private static ObjectNode imageToAnthropic(JsonNode image, String p) {
        JsonNode bytes = image.path("source").path("bytes");
        String format = image.path("format").asText("");
        if (!bytes.isTextual() || !IMAGE_FORMATS.contains(format)) {
            throw GatewayException.invalid(p, "an image needs a format (png, jpeg, gif, webp) and source.bytes");
        }
        ObjectNode out = Trees.object().put("type", "image");
        out.putObject("source").put("type", "base64").put("media_type", "image/" + format)
                .put("data", bytes.textValue());
        return out;
    }
}
