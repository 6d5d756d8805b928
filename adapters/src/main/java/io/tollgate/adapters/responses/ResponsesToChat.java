package io.tollgate.adapters.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;

/**
 * A Responses API request as a Chat Completions request, for upstreams without the Responses API (from there the
 * chat bridges reach Anthropic, Gemini, Bedrock). {@code instructions} becomes a system message; {@code input} a
 * user message (a string) or the messages of its items: {@code message} items keep their role (developer becomes
 * system) and their text and image parts, consecutive {@code function_call} items become one assistant message
 * with {@code tool_calls}, a {@code function_call_output} a {@code tool} message; {@code reasoning} items are left
 * out. Function tools, {@code tool_choice}, {@code max_output_tokens}, {@code text.format},
 * {@code reasoning.effort}, sampling and streaming map to their chat fields; the stream always asks for usage.
 * {@code previous_response_id} and {@code conversation} are refused here: the node replaces a previous Response it
 * keeps itself by the conversation it holds, and only a provider's own (OpenAI's) Response is left to name.
 * Pure functions; safe from any thread.
 */
public final class ResponsesToChat {

    private ResponsesToChat() {
    }

    /**
     * The chat request for a Responses request.
     *
     * @throws GatewayException {@code invalid_request} naming the field that chat cannot express
     */
    public static ObjectNode request(JsonNode body) {
        for (String stateful : new String[] {"previous_response_id", "conversation"}) {
            if (body.hasNonNull(stateful)) {
                throw GatewayException.invalid(stateful, "'" + stateful + "' names a conversation OpenAI keeps: "
                        + "continue it with an OpenAI model, or send the whole conversation in 'input'.");
            }
        }
        ObjectNode chat = Json.object();
        chat.put("model", body.path("model").asText());
        ArrayNode messages = chat.putArray("messages");
        JsonNode instructions = body.path("instructions");
        if (instructions.isTextual() && !instructions.asText().isEmpty()) {
            messages.addObject().put("role", "system").put("content", instructions.asText());
        }
        JsonNode input = body.path("input");
        if (input.isTextual()) {
            messages.addObject().put("role", "user").put("content", input.asText());
        } else {
            items(input, messages);
        }
        tools(body, chat);
        copy(body, "temperature", chat, "temperature");
        copy(body, "top_p", chat, "top_p");
        copy(body, "parallel_tool_calls", chat, "parallel_tool_calls");
        copy(body, "user", chat, "user");
        copy(body, "max_output_tokens", chat, "max_completion_tokens");
        JsonNode effort = body.path("reasoning").path("effort");
        if (effort.isTextual()) {
            chat.put("reasoning_effort", effort.asText());
        }
        format(body.path("text").path("format"), chat);
        if (body.path("stream").asBoolean(false)) {
            chat.put("stream", true);
            chat.putObject("stream_options").put("include_usage", true);
        }
        return chat;
    }

    private static void items(JsonNode input, ArrayNode messages) {
        ObjectNode calls = null;
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            String type = item.path("type").asText(item.has("role") ? "message" : "");
            if (!type.equals("function_call")) {
                calls = null;
            }
            switch (type) {
                case "message" -> messages.add(message(item, i));
                case "function_call" -> {
                    if (calls == null) {
                        calls = messages.addObject().put("role", "assistant").putNull("content");
                        calls.putArray("tool_calls");
                    }
                    ObjectNode call = ((ArrayNode) calls.get("tool_calls")).addObject();
                    call.put("id", item.path("call_id").asText());
                    call.put("type", "function");
                    call.putObject("function").put("name", item.path("name").asText())
                            .put("arguments", item.path("arguments").asText("{}"));
                }
                case "function_call_output" -> {
                    JsonNode output = item.path("output");
                    messages.addObject().put("role", "tool").put("tool_call_id", item.path("call_id").asText())
                            .put("content", output.isTextual() ? output.asText() : Json.string(output));
                }
                case "reasoning" -> {
                    // the upstream cannot read another model's reasoning; the answer it led to is in the items
                }
                default -> throw GatewayException.invalid("input[" + i + "]", "input[" + i + "] of type '" + type
                        + "' cannot be sent to this model (it has no Responses API); message, function_call and "
                        + "function_call_output items can.");
            }
        }
    }

    private static ObjectNode message(JsonNode item, int index) {
        String role = item.path("role").asText("user");
        ObjectNode message = Json.object().put("role", role.equals("developer") ? "system" : role);
        JsonNode content = item.path("content");
        if (content.isTextual()) {
            return message.put("content", content.asText());
        }
        ArrayNode parts = message.putArray("content");
        for (JsonNode part : content) {
            switch (part.path("type").asText()) {
                case "input_text", "output_text", "text", "refusal" -> parts.addObject().put("type", "text")
                        .put("text", part.path("text").asText(part.path("refusal").asText()));
                case "input_image" -> parts.addObject().put("type", "image_url").putObject("image_url")
                        .put("url", part.path("image_url").asText()).put("detail", part.path("detail").asText("auto"));
                default -> throw GatewayException.invalid("input[" + index + "].content", "content parts of type '"
                        + part.path("type").asText() + "' cannot be sent to this model; text and images can.");
            }
        }
        if (!role.equals("user") && parts.size() > 0) {
            StringBuilder text = new StringBuilder();
            parts.forEach(part -> text.append(part.path("text").asText()));
            message.put("content", text.toString());
        }
        return message;
    }

    private static void tools(JsonNode body, ObjectNode chat) {
        JsonNode tools = body.path("tools");
        if (tools.isArray() && !tools.isEmpty()) {
            ArrayNode out = chat.putArray("tools");
            for (int i = 0; i < tools.size(); i++) {
                JsonNode tool = tools.get(i);
                if (!tool.path("type").asText().equals("function")) {
                    throw GatewayException.invalid("tools[" + i + "]", "tools of type '" + tool.path("type").asText()
                            + "' run only on OpenAI's Responses API; this model takes function tools.");
                }
                ObjectNode function = out.addObject().put("type", "function").putObject("function");
                function.put("name", tool.path("name").asText());
                copy(tool, "description", function, "description");
                copy(tool, "parameters", function, "parameters");
                copy(tool, "strict", function, "strict");
            }
        }
        JsonNode choice = body.path("tool_choice");
        if (choice.isTextual()) {
            chat.put("tool_choice", choice.asText());
        } else if (choice.path("type").asText().equals("function")) {
            chat.putObject("tool_choice").put("type", "function").putObject("function")
                    .put("name", choice.path("name").asText());
        }
    }

    private static void format(JsonNode format, ObjectNode chat) {
        switch (format.path("type").asText("text")) {
            case "json_object" -> chat.putObject("response_format").put("type", "json_object");
            case "json_schema" -> {
                ObjectNode schema = chat.putObject("response_format").put("type", "json_schema")
                        .putObject("json_schema");
                schema.put("name", format.path("name").asText("response"));
                copy(format, "schema", schema, "schema");
                copy(format, "strict", schema, "strict");
            }
            default -> {
                // plain text is chat's default
            }
        }
    }

    private static void copy(JsonNode from, String field, ObjectNode to, String as) {
        JsonNode value = from.get(field);
        if (value != null && !value.isNull()) {
            to.set(as, value.deepCopy());
        }
    }
}
