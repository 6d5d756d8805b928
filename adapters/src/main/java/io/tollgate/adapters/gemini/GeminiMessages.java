package io.tollgate.adapters.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.translate.Json;
import io.tollgate.adapters.translate.Params;
import java.util.ArrayList;
import java.util.List;

/**
 * Gemini {@code systemInstruction} and {@code contents} as OpenAI chat {@code messages}. Function calls get the
 * call's own {@code id} or {@code call_<ordinal>}; a {@code functionResponse} answers the call with its {@code id},
 * else the oldest unanswered call of its name, and becomes a {@code tool} message placed before the rest of its
 * turn (OpenAI wants tool results right after the assistant's calls). Thought parts are left out.
 */
final class GeminiMessages {

    /** A function call of the conversation, waiting for its response. */
    private record Call(String id, String name) {
    }

    private GeminiMessages() {
    }

    static ArrayNode toOpenAi(JsonNode systemInstruction, ArrayNode contents) {
        ArrayNode out = Json.array();
        String system = systemText(systemInstruction);
        if (!system.isEmpty()) {
            out.addObject().put("role", "system").put("content", system);
        }
        List<Call> pending = new ArrayList<>();
        int ordinal = 0;
        for (int i = 0; i < contents.size(); i++) {
            String p = "contents[" + i + "]";
            JsonNode content = Params.requireObject(contents.get(i), p);
            ArrayNode parts = Params.optionalArray(content.path("parts"), p + ".parts");
            String role = content.path("role").asText("user");
            if ("model".equals(role)) {
                ordinal = model(parts, p, pending, ordinal, out);
            } else if ("user".equals(role) || "function".equals(role)) {
                user(parts, p, pending, out);
            } else {
                throw GatewayException.invalid(p + ".role", "role must be user or model, was '" + role + "'");
            }
        }
        return out;
    }

    private static String systemText(JsonNode instruction) {
        if (Json.absent(instruction)) {
            return "";
        }
        if (instruction.isTextual()) {
            return instruction.textValue();
        }
        ArrayNode parts = Params.optionalArray(instruction.path("parts"), "systemInstruction.parts");
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < parts.size(); j++) {
            String value = Params.requireString(parts.get(j).path("text"), "systemInstruction.parts[" + j + "].text");
            text.append(text.isEmpty() ? "" : "\n").append(value);
        }
        return text.toString();
    }

    private static int model(ArrayNode parts, String p, List<Call> pending, int ordinal, ArrayNode out) {
        StringBuilder text = new StringBuilder();
        ArrayNode calls = Json.array();
        int next = ordinal;
        for (JsonNode part : parts) {
            if (part.path("functionCall").isObject()) {
                ObjectNode call = GeminiCandidates.toolCall(part, next++);
                pending.add(new Call(call.path("id").asText(), call.path("function").path("name").asText()));
                calls.add(call);
            } else if (part.path("text").isTextual() && !part.path("thought").asBoolean(false)) {
                text.append(part.path("text").textValue());
            }
        }
        if (text.isEmpty() && calls.isEmpty()) {
            return next;
        }
        ObjectNode message = out.addObject().put("role", "assistant");
        if (text.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text.toString());
        }
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
        return next;
    }

    private static void user(ArrayNode parts, String p, List<Call> pending, ArrayNode out) {
        ArrayNode content = Json.array();
        for (int j = 0; j < parts.size(); j++) {
            JsonNode part = Params.requireObject(parts.get(j), p + ".parts[" + j + "]");
            String pp = p + ".parts[" + j + "]";
            if (part.path("text").isTextual()) {
                if (!part.path("thought").asBoolean(false) && !part.path("text").textValue().isEmpty()) {
                    content.addObject().put("type", "text").put("text", part.path("text").textValue());
                }
            } else if (part.path("inlineData").isObject()) {
                content.add(GeminiMedia.inlineToOpenAi(part.path("inlineData"), pp + ".inlineData"));
            } else if (part.path("fileData").isObject()) {
                content.add(GeminiMedia.fileToOpenAi(part.path("fileData"), pp + ".fileData"));
            } else if (part.path("functionResponse").isObject()) {
                out.add(toolMessage(part.path("functionResponse"), pp + ".functionResponse", pending));
            } else {
                String kind = part.fieldNames().hasNext() ? part.fieldNames().next() : "empty";
                throw GatewayException.invalid(pp, "the part '" + kind + "' in a user turn is not supported");
            }
        }
        if (content.size() == 1 && content.get(0).has("text")) {
            out.addObject().put("role", "user").put("content", content.get(0).path("text").asText());
        } else if (!content.isEmpty()) {
            out.addObject().put("role", "user").set("content", content);
        }
    }

    /**
     * A {@code functionResponse} as a tool message; a response that is only {@code {"content": "<text>"}} (how the
     * other direction wraps plain text) gives that text, any other response its compact JSON.
     */
    private static ObjectNode toolMessage(JsonNode response, String p, List<Call> pending) {
        String name = Params.requireString(response.path("name"), p + ".name");
        String id = Json.text(response, "id", "");
        Call answered = null;
        for (Call call : pending) {
            if (id.isEmpty() ? call.name().equals(name) : call.id().equals(id)) {
                answered = call;
                break;
            }
        }
        if (answered == null) {
            throw GatewayException.invalid(p, "'" + p + "' answers no earlier functionCall of '" + name + "'");
        }
        pending.remove(answered);
        JsonNode body = response.path("response");
        String text = body.size() == 1 && body.path("content").isTextual()
                ? body.path("content").textValue() : Json.write(body.isObject() ? body : Json.object());
        return Json.object().put("role", "tool").put("tool_call_id", answered.id()).put("content", text);
    }
}
