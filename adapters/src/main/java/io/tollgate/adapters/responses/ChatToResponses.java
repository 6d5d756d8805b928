package io.tollgate.adapters.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Usage;

/**
 * A whole {@code chat.completion} as a Response object: the first choice's {@code reasoning_content} (compatible
 * servers) as a reasoning item with a summary, its text as a message item, its tool calls as function call items;
 * a {@code length} finish makes the response {@code incomplete}. Pure functions; safe from any thread.
 */
public final class ChatToResponses {

    private ChatToResponses() {
    }

    /**
     * The Response object.
     *
     * @param request the client's Responses request
     * @param completion the chat completion in OpenAI's format
     * @param usage the usage the upstream reported
     * @param requestId the gateway's request id, for the ids of the response and its items
     * @param model the model as the client named it
     * @param createdEpochSeconds the response's time stamp
     */
    public static ObjectNode response(JsonNode request, JsonNode completion, Usage usage, String requestId,
                                      String model, long createdEpochSeconds) {
        ObjectNode response = ResponseObjects.response(request, "resp_" + requestId, model, createdEpochSeconds,
                "completed");
        ArrayNode output = (ArrayNode) response.get("output");
        JsonNode choice = completion.path("choices").path(0);
        JsonNode message = choice.path("message");
        String reasoning = message.path("reasoning_content").asText("");
        if (!reasoning.isEmpty()) {
            output.add(ResponseObjects.reasoning("rs_" + requestId, reasoning));
        }
        String text = message.path("content").asText("");
        if (!text.isEmpty() || message.path("tool_calls").isEmpty()) {
            output.add(ResponseObjects.message("msg_" + requestId, text, "completed"));
        }
        int n = 0;
        for (JsonNode call : message.path("tool_calls")) {
            output.add(ResponseObjects.functionCall("fc_" + requestId + "_" + n++, call.path("id").asText(),
                    call.path("function").path("name").asText(), call.path("function").path("arguments").asText(),
                    "completed"));
        }
        return ResponseObjects.finish(response, choice.path("finish_reason").asText("stop"), usage);
    }
}
