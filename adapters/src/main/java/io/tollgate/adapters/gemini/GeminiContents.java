package io.tollgate.adapters.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.translate.Json;
import io.tollgate.adapters.translate.Params;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * OpenAI chat {@code messages} as Gemini {@code systemInstruction} and {@code contents}. System and developer
 * messages are lifted into {@code systemInstruction} wherever they stand; user turns keep role {@code user},
 * assistant turns become {@code model}; tool messages become {@code functionResponse} parts of a {@code user} turn
 * named after the call they answer; consecutive turns of one role are merged (parallel function responses must
 * share one turn).
 */
final class GeminiContents {

    /**
     * The documented stand-in for a missing thought signature, for function calls that did not come from this
     * Gemini model ("transferring a trace from a different model", Gemini API thought-signatures FAQ).
     */
    static final String SKIP_SIGNATURE = "skip_thought_signature_validator";

    /**
     * The converted conversation.
     *
     * @param system the {@code systemInstruction} parts, possibly empty
     * @param contents the {@code contents}
     */
    record Converted(ArrayNode system, ArrayNode contents) {
    }

    private GeminiContents() {
    }

    static Converted fromOpenAi(ArrayNode messages) {
        ArrayNode system = Json.array();
        ArrayNode contents = Json.array();
        Map<String, String> callNames = new HashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            String p = "messages[" + i + "]";
            JsonNode message = Params.requireObject(messages.get(i), p);
            String role = Params.requireString(message.path("role"), p + ".role");
            switch (role) {
                case "system", "developer" -> system.addAll(parts(message.path("content"), p + ".content", role));
                case "user" -> append(contents, "user", parts(message.path("content"), p + ".content", role));
                case "assistant" -> append(contents, "model", assistant(message, p, callNames));
                case "tool" -> append(contents, "user", Json.array().add(functionResponse(message, p, callNames)));
                default -> throw GatewayException.invalid(p + ".role", "unsupported role '" + role
                        + "'; expected system, developer, user, assistant or tool");
            }
        }
        return new Converted(system, contents);
    }

    private static void append(ArrayNode contents, String role, ArrayNode parts) {
        if (parts.isEmpty()) {
            return;
        }
        JsonNode last = contents.isEmpty() ? Json.missing() : contents.get(contents.size() - 1);
        if (role.equals(last.path("role").asText())) {
            ((ArrayNode) last.path("parts")).addAll(parts);
            return;
        }
        ObjectNode content = contents.addObject().put("role", role);
        content.set("parts", parts);
    }

    /** Content as Gemini parts: a string, or text, image, audio and file parts (media in user turns only). */
    private static ArrayNode parts(JsonNode content, String p, String role) {
        ArrayNode parts = Json.array();
        ArrayNode given = Params.contentParts(content, p);
        for (int j = 0; j < given.size(); j++) {
            JsonNode part = given.get(j);
            String pp = p + "[" + j + "]";
            String type = Params.requireString(part.path("type"), pp + ".type");
            boolean user = "user".equals(role);
            switch (type) {
                case "text" -> addText(parts, Params.requireString(part.path("text"), pp + ".text"));
                case "refusal" -> addText(parts, Params.requireString(part.path("refusal"), pp + ".refusal"));
                case "image_url" -> parts.add(media(part.path("image_url"), pp + ".image_url", user));
                case "input_audio" -> parts.add(audio(part.path("input_audio"), pp + ".input_audio", user));
                case "file" -> parts.add(file(part.path("file"), pp + ".file", user));
                default -> throw GatewayException.invalid(pp + ".type", "content part type '" + type
                        + "' is not supported by the upstream provider");
            }
        }
        return parts;
    }

    private static void addText(ArrayNode parts, String text) {
        if (!text.isEmpty()) {
            parts.addObject().put("text", text);
        }
    }

    /** An image: a base64 data URL becomes {@code inlineData}, an http(s) URL {@code fileData}. */
    private static ObjectNode media(JsonNode imageUrl, String p, boolean user) {
        requireUser(user, p);
        String url = imageUrl.isTextual()
                ? imageUrl.textValue() : Params.requireString(imageUrl.path("url"), p + ".url");
        if (url.startsWith("data:")) {
            return dataUrl(url, p + ".url");
        }
        if (!url.startsWith("https://") && !url.startsWith("http://")) {
            throw GatewayException.invalid(p + ".url", "an image URL must be an http(s) or a base64 data URL");
        }
        ObjectNode part = Json.object();
        part.putObject("fileData").put("mimeType", imageType(url)).put("fileUri", url);
        return part;
    }

    private static ObjectNode audio(JsonNode audio, String p, boolean user) {
        requireUser(user, p);
        String format = Params.requireString(audio.path("format"), p + ".format");
        ObjectNode part = Json.object();
        part.putObject("inlineData").put("mimeType", "audio/" + format)
                .put("data", Params.requireString(audio.path("data"), p + ".data"));
        return part;
    }

    private static ObjectNode file(JsonNode file, String p, boolean user) {
        requireUser(user, p);
        if (!file.path("file_data").isTextual()) {
            throw GatewayException.invalid(p + ".file_data", "only files given inline as 'file_data' data URLs are "
                    + "supported by the upstream provider");
        }
        return dataUrl(file.path("file_data").textValue(), p + ".file_data");
    }

    private static void requireUser(boolean user, String p) {
        if (!user) {
            throw GatewayException.invalid(p, "media parts are only supported in user messages");
        }
    }

    /** {@code data:<media type>;base64,<data>} as {@code inlineData}. */
    static ObjectNode dataUrl(String url, String p) {
        int comma = url.indexOf(',');
        String header = comma < 0 ? "" : url.substring("data:".length(), comma);
        if (!header.endsWith(";base64") || header.length() == ";base64".length()) {
            throw GatewayException.invalid(p, "a data URL must look like data:<media type>;base64,<data>");
        }
        ObjectNode part = Json.object();
        part.putObject("inlineData").put("mimeType", header.substring(0, header.length() - ";base64".length()))
                .put("data", url.substring(comma + 1));
        return part;
    }

    /** Gemini wants a MIME type next to a file URI; the extension is the only hint an OpenAI client gives. */
    private static String imageType(String url) {
        String path = url.toLowerCase(Locale.ROOT).replaceAll("[?#].*$", "");
        for (String ext : new String[] {"png", "gif", "webp", "heic", "heif"}) {
            if (path.endsWith("." + ext)) {
                return "image/" + ext;
            }
        }
        return "image/jpeg";
    }

    private static ArrayNode assistant(JsonNode message, String p, Map<String, String> callNames) {
        ArrayNode parts = parts(message.path("content"), p + ".content", "assistant");
        ArrayNode calls = Params.optionalArray(message.path("tool_calls"), p + ".tool_calls");
        for (int j = 0; j < calls.size(); j++) {
            String pp = p + ".tool_calls[" + j + "]";
            JsonNode call = Params.requireObject(calls.get(j), pp);
            JsonNode function = Params.requireObject(call.path("function"), pp + ".function");
            String name = Params.requireString(function.path("name"), pp + ".function.name");
            callNames.put(Params.requireString(call.path("id"), pp + ".id"), name);
            ObjectNode part = parts.addObject();
            part.putObject("functionCall").put("name", name)
                    .set("args", arguments(function.path("arguments"), pp + ".function.arguments"));
            JsonNode signature = call.path("extra_content").path("google").path("thought_signature");
            if (signature.isTextual()) {
                part.put("thoughtSignature", signature.textValue());
            } else if (j == 0) {
                part.put("thoughtSignature", SKIP_SIGNATURE);
            }
        }
        return parts;
    }

    /** Tool-call arguments: a JSON object, usually written as a string; an empty string is {}. */
    private static JsonNode arguments(JsonNode arguments, String p) {
        if (arguments.isObject()) {
            return arguments.deepCopy();
        }
        String text = Params.requireString(arguments, p);
        JsonNode parsed = text.isBlank() ? Json.object() : Json.parseLenient(text);
        if (!parsed.isObject()) {
            throw GatewayException.invalid(p, "'" + p + "' must be a JSON object encoded as a string");
        }
        return parsed;
    }

    /**
     * A tool message as a {@code functionResponse}: named after the call it answers; its {@code response} is the
     * content when that is a JSON object, else {@code {"content": <the text>}}.
     */
    private static ObjectNode functionResponse(JsonNode message, String p, Map<String, String> callNames) {
        String id = Params.requireString(message.path("tool_call_id"), p + ".tool_call_id");
        String name = callNames.get(id);
        if (name == null) {
            throw GatewayException.invalid(p + ".tool_call_id", "'" + p + ".tool_call_id' " + id
                    + " answers no tool call of an earlier assistant message");
        }
        JsonNode content = message.path("content");
        String text = content.isTextual() ? content.textValue() : joinText(content, p + ".content");
        JsonNode parsed = Json.parseLenient(text);
        ObjectNode part = Json.object();
        ObjectNode response = part.putObject("functionResponse").put("name", name).putObject("response");
        if (parsed.isObject()) {
            response.setAll((ObjectNode) parsed);
        } else {
            response.put("content", text);
        }
        return part;
    }

    private static String joinText(JsonNode content, String p) {
        StringBuilder text = new StringBuilder();
        ArrayNode parts = Params.optionalArray(content, p);
        for (int j = 0; j < parts.size(); j++) {
            text.append(Params.requireString(parts.get(j).path("text"), p + "[" + j + "].text"));
        }
        return text.toString();
    }
}
