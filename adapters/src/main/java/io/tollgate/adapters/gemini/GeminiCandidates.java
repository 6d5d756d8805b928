package io.tollgate.adapters.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.translate.Json;

/**
 * Reads the parts of a Gemini candidate: visible text (parts marked {@code thought: true} are reasoning and stay
 * hidden; their tokens are counted by the usage) and function calls as OpenAI {@code tool_calls}.
 */
final class GeminiCandidates {

    private GeminiCandidates() {
    }

    /** The candidate's index; Gemini leaves it out for the first candidate. */
    static int index(JsonNode candidate) {
        return candidate.path("index").asInt(0);
    }

    /** The text of the candidate's visible parts, concatenated. */
    static String text(JsonNode candidate) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : candidate.path("content").path("parts")) {
            if (part.path("text").isTextual() && !part.path("thought").asBoolean(false)) {
                text.append(part.path("text").textValue());
            }
        }
        return text.toString();
    }

    /** The function-call parts of the candidate, in order. */
    static ArrayNode functionCalls(JsonNode candidate) {
        ArrayNode calls = Json.array();
        for (JsonNode part : candidate.path("content").path("parts")) {
            if (part.path("functionCall").isObject()) {
                calls.add(part);
            }
        }
        return calls;
    }

    /**
     * A function-call part as an OpenAI tool call: the call's own {@code id} when Gemini gave one, else
     * {@code call_<ordinal>}; {@code arguments} the compact JSON of {@code args}; a {@code thoughtSignature} kept
     * as {@code extra_content.google.thought_signature}, where Google's own OpenAI endpoint puts it, so that a
     * client that sends the call back lets Gemini 3 validate its reasoning (the documented stand-in
     * {@link GeminiContents#SKIP_SIGNATURE} is not a signature and is dropped).
     *
     * @param ordinal the call's position among all calls of the response or stream
     */
    static ObjectNode toolCall(JsonNode part, int ordinal) {
        JsonNode call = part.path("functionCall");
        ObjectNode out = Json.object();
        out.put("id", Json.text(call, "id", "call_" + ordinal));
        out.put("type", "function");
        JsonNode args = call.path("args");
        out.putObject("function").put("name", Json.text(call, "name", ""))
                .put("arguments", Json.write(args.isObject() ? args : Json.object()));
        JsonNode signature = part.path("thoughtSignature");
        if (signature.isTextual() && !GeminiContents.SKIP_SIGNATURE.equals(signature.textValue())) {
            out.putObject("extra_content").putObject("google")
                    .put("thought_signature", signature.textValue());
        }
        return out;
    }
}
