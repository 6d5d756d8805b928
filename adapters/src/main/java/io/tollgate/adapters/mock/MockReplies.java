package io.tollgate.adapters.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the mock's deterministic OpenAI-format bodies. The reply to a chat is "Mock reply to: " followed by the
 * last user text, cut to {@code max_tokens} words; every word is one output token and one stream chunk. Input
 * tokens are estimated as one per four characters of message text plus four per message.
 */
final class MockReplies {

    /** Splits the prompt into words (compiled once: {@code String.split} compiles a regex on every call). */
    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

    static final String PREFIX = "Mock reply to:";
    private static final int DEFAULT_MAX_WORDS = 64;

    private MockReplies() {
    }

    static long promptTokens(JsonNode request) {
        long chars = 0;
        long messages = 0;
        for (JsonNode message : request.path("messages")) {
            messages++;
            chars += text(message.path("content")).length();
        }
        JsonNode prompt = request.path("prompt");
        if (prompt.isTextual()) {
            messages++;
            chars += prompt.asText().length();
        }
        return (chars + 3) / 4 + 4 * messages + 3;
    }

    static List<String> replyWords(JsonNode request) {
        String lastUser = "";
        for (JsonNode message : request.path("messages")) {
            if ("user".equals(message.path("role").asText())) {
                lastUser = text(message.path("content"));
            }
        }
        if (request.path("prompt").isTextual()) {
            lastUser = request.path("prompt").asText();
        }
        List<String> words = new ArrayList<>();
        words.add("Mock");
        words.add("reply");
        words.add("to:");
        for (String word : WHITESPACE.split(lastUser.trim())) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    /** The most choices ({@code n}) the mock answers with, as OpenAI: a client's n of a billion is not built. */
    static final int MAX_CHOICES = 128;
    /** The longest embedding the mock makes ({@code dimensions}). */
    static final int MAX_DIMENSIONS = 4096;

    /** The number of choices the request asks for ({@code n}), 1 to {@link #MAX_CHOICES}. */
    static int choices(JsonNode request) {
        return Math.clamp(request.path("n").asInt(1), 1, MAX_CHOICES);
    }

    /** The most output tokens the request allows ({@code max_completion_tokens}, {@code max_tokens}, or 64). */
    static int maxWords(JsonNode request) {
        long max = request.path("max_completion_tokens").asLong(request.path("max_tokens").asLong(DEFAULT_MAX_WORDS));
        return (int) Math.max(1, Math.min(max, Integer.MAX_VALUE));
    }

    /** The first tool the request forces (tool_choice required or named), if any. */
    static String forcedTool(JsonNode request) {
        JsonNode tools = request.path("tools");
        if (!tools.isArray() || tools.isEmpty()) {
            return "";
        }
        JsonNode choice = request.path("tool_choice");
        if (choice.isObject()) {
            return choice.path("function").path("name").asText("");
        }
        if ("required".equals(choice.asText())) {
            return tools.get(0).path("function").path("name").asText("");
        }
        return "";
    }

    static ObjectNode usage(long prompt, long completion) {
        ObjectNode usage = Json.object();
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", completion);
        usage.put("total_tokens", prompt + completion);
        usage.putObject("prompt_tokens_details").put("cached_tokens", 0);
        usage.putObject("completion_tokens_details").put("reasoning_tokens", 0);
        return usage;
    }

    static ArrayNode toolCalls(String name, String id) {
        ArrayNode calls = Json.MAPPER.createArrayNode();
        ObjectNode call = calls.addObject();
        call.put("id", id);
        call.put("type", "function");
        call.putObject("function").put("name", name).put("arguments", "{}");
        return calls;
    }

    static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode part : content) {
            if (part.path("text").isTextual()) {
                if (!out.isEmpty()) {
                    out.append(' ');
                }
                out.append(part.path("text").asText());
            }
        }
        return out.toString();
    }

    /** A deterministic unit-length-ish embedding of the text, {@code dimensions} floats. */
    static ArrayNode embedding(String text, int dimensions) {
        ArrayNode vector = Json.MAPPER.createArrayNode();
        int seed = text.hashCode();
        for (int i = 0; i < dimensions; i++) {
            seed = seed * 1_103_515_245 + 12_345;
            vector.add(((seed >>> 8) % 2001 - 1000) / 1000.0f);
        }
        return vector;
    }
}
