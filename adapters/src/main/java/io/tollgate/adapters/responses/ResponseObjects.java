package io.tollgate.adapters.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.Usage;
import io.tollgate.adapters.translate.Usages;

/**
 * The gateway's Response objects and output items, in the shape the Responses API documents (every field its SDKs
 * require is present). Ids are the gateway's: {@code resp_}, {@code msg_}, {@code rs_} and {@code fc_} followed by
 * the request id. Pure functions; safe from any thread.
 */
public final class ResponseObjects {

    private ResponseObjects() {
    }

    /**
     * A Response object without output or usage.
     *
     * @param request the client's Responses request (its settings are echoed)
     * @param id the response id ({@code resp_...})
     * @param model the model as the client named it
     * @param createdEpochSeconds its creation time
     * @param status {@code in_progress}, {@code completed} or {@code incomplete}
     */
    public static ObjectNode response(JsonNode request, String id, String model, long createdEpochSeconds,
                                      String status) {
        ObjectNode out = Json.object();
        out.put("id", id);
        out.put("object", "response");
        out.put("created_at", createdEpochSeconds);
        out.put("status", status);
        out.putNull("error");
        out.putNull("incomplete_details");
        echo(request, "instructions", out);
        out.put("model", model);
        out.putArray("output");
        out.put("parallel_tool_calls", request.path("parallel_tool_calls").asBoolean(true));
        echo(request, "max_output_tokens", out);
        echo(request, "previous_response_id", out);
        out.set("metadata", request.path("metadata").isObject() ? request.get("metadata").deepCopy() : Json.object());
        out.put("temperature", request.path("temperature").asDouble(1.0));
        out.put("top_p", request.path("top_p").asDouble(1.0));
        out.set("tool_choice", request.has("tool_choice") ? request.get("tool_choice").deepCopy()
                : Json.MAPPER.getNodeFactory().textNode("auto"));
        out.set("tools", request.path("tools").isArray() ? request.get("tools").deepCopy()
                : Json.MAPPER.createArrayNode());
        out.put("store", request.path("store").asBoolean(true));   // the gateway keeps it unless told not to
        out.putObject("text").putObject("format").put("type", "text");
        out.putObject("reasoning").putNull("effort").putNull("summary");
        out.put("truncation", "disabled");
        out.putNull("usage");
        return out;
    }

    /** Marks a response finished: its status, why it is incomplete ({@code length} finishes), its usage. */
    public static ObjectNode finish(ObjectNode response, String finishReason, Usage usage) {
        boolean cut = "length".equals(finishReason);
        response.put("status", cut ? "incomplete" : "completed");
        if (cut) {
            response.putObject("incomplete_details").put("reason", "max_output_tokens");
        }
        response.set("usage", Usages.toResponses(usage));
        return response;
    }

    /** An assistant message item holding one {@code output_text} part. */
    public static ObjectNode message(String id, String text, String status) {
        ObjectNode item = Json.object();
        item.put("type", "message");
        item.put("id", id);
        item.put("status", status);
        item.put("role", "assistant");
        ArrayNode content = item.putArray("content");
        if (text != null) {
            content.add(outputText(text));
        }
        return item;
    }

    /** An {@code output_text} content part. */
    public static ObjectNode outputText(String text) {
        ObjectNode part = Json.object();
        part.put("type", "output_text");
        part.put("text", text);
        part.putArray("annotations");
        part.putArray("logprobs");
        return part;
    }

    /** A function call item. */
    public static ObjectNode functionCall(String id, String callId, String name, String arguments, String status) {
        ObjectNode item = Json.object();
        item.put("type", "function_call");
        item.put("id", id);
        item.put("call_id", callId);
        item.put("name", name);
        item.put("arguments", arguments);
        item.put("status", status);
        return item;
    }

    /** A reasoning item whose summary is one text (empty: no summary part). */
    public static ObjectNode reasoning(String id, String summary) {
        ObjectNode item = Json.object();
        item.put("type", "reasoning");
        item.put("id", id);
        ArrayNode parts = item.putArray("summary");
        if (!summary.isEmpty()) {
            parts.addObject().put("type", "summary_text").put("text", summary);
        }
        return item;
    }

    private static void echo(JsonNode request, String field, ObjectNode out) {
        JsonNode value = request.get(field);
        if (value == null) {
            out.putNull(field);
        } else {
            out.set(field, value.deepCopy());
        }
    }
}
