package io.tollgate.adapters.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.StreamTranslator;

/**
 * Serves an Anthropic Messages client from an OpenAI-compatible Chat Completions upstream: the request goes
 * Anthropic to OpenAI, the response and the stream come back OpenAI to Anthropic. Pure functions on Jackson
 * trees; the input trees are never modified; safe from any thread.
 *
 * <p>Lossy points: {@code thinking}, {@code top_k}, {@code cache_control} and Anthropic's server tools have no
 * OpenAI counterpart ({@code thinking}, {@code top_k} and {@code cache_control} are dropped, server tools and
 * document blocks are refused); several system blocks are joined with blank lines; a failed tool result is
 * marked by an {@code "Error: "} prefix; OpenAI never says that a stop sequence matched, so
 * {@code stop_sequence} is always null; the upstream's {@code reasoning_content} is not shown.
 */
public final class AnthropicToOpenAi {

    private AnthropicToOpenAi() {
    }

    /**
     * Translates a Messages request into a Chat Completions request: {@code system} becomes the first message,
     * content blocks become parts, {@code tool_use} blocks {@code tool_calls}, {@code tool_result} blocks
     * {@code tool} messages; {@code stop_sequences} becomes {@code stop}; {@code metadata.user_id} becomes
     * {@code user}; {@code disable_parallel_tool_use} becomes {@code parallel_tool_calls: false}.
     *
     * @param request the client's body
     * @param upstreamModel the model name the upstream knows
     * @param streamIncludeUsage whether a streaming request asks for {@code stream_options.include_usage}
     * @return a new Chat Completions request
     * @throws GatewayException {@link ErrorKind#INVALID_REQUEST} naming the parameter, for a missing
     *     {@code model}, {@code messages} or {@code max_tokens}, a mistyped field, or a block type or server tool
     *     the upstream cannot take
     */
    public static ObjectNode request(ObjectNode request, String upstreamModel, boolean streamIncludeUsage) {
        Params.requireText(request, "model");
        ArrayNode messages = Params.requireArray(request, "messages");
        if (Json.absent(request.path("max_tokens"))) {
            throw GatewayException.invalid("max_tokens", "'max_tokens' is required");
        }
        long maxTokens = Params.positive(request.path("max_tokens"), "max_tokens");
        ObjectNode out = Json.object();
        out.put("model", upstreamModel);
        out.set("messages", AnthropicMessages.toOpenAi(request.path("system"), messages));
        out.put("max_tokens", maxTokens);
        ArrayNode stops = Params.optionalArray(request.path("stop_sequences"), "stop_sequences");
        if (!stops.isEmpty()) {
            ArrayNode stop = out.putArray("stop");
            for (int i = 0; i < stops.size(); i++) {
                stop.add(Params.requireString(stops.get(i), "stop_sequences[" + i + "]"));
            }
        }
        for (String field : new String[] {"temperature", "top_p"}) {
            if (!Json.absent(request.path(field))) {
                out.put(field, Params.number(request.path(field), field));
            }
        }
        if (!Json.absent(request.path("stream")) && Params.bool(request.path("stream"), "stream")) {
            out.put("stream", true);
            if (streamIncludeUsage) {
                out.putObject("stream_options").put("include_usage", true);
            }
        }
        JsonNode user = request.path("metadata").path("user_id");
        if (!Json.absent(user)) {
            out.put("user", Params.requireString(user, "metadata.user_id"));
        }
        ArrayNode tools = Params.optionalArray(request.path("tools"), "tools");
        if (!tools.isEmpty()) {
            out.set("tools", ToolMappings.toolsToOpenAi(tools));
        }
        ToolMappings.choiceToOpenAi(request.path("tool_choice"), out);
        return out;
    }

    /**
     * Translates a {@code chat.completion} into a Messages response: the text (or refusal) becomes a text block,
     * {@code tool_calls} become {@code tool_use} blocks with parsed {@code input}, {@code finish_reason} maps to
     * {@code stop_reason}, usage converts through {@link Usages}. The id is the upstream's with its
     * {@code chatcmpl-} prefix replaced by {@code msg_}.
     *
     * @param completion the upstream's body
     * @param clientModel the model name the client asked for
     * @throws GatewayException {@link ErrorKind#UPSTREAM_ERROR} when the body is an error, has no choice, or
     *     carries tool-call arguments that are not a JSON object
     */
    public static ObjectNode response(JsonNode completion, String clientModel) {
        if (completion.has("error")) {
            throw UpstreamErrors.fromOpenAiChunk(completion);
        }
        JsonNode choice = completion.path("choices").path(0);
        if (!choice.isObject()) {
            throw GatewayException.of(ErrorKind.UPSTREAM_ERROR, "upstream answered without a choice");
        }
        JsonNode message = choice.path("message");
        ObjectNode out = Json.object();
        out.put("id", messageId(completion.path("id").asText("")));
        out.put("type", "message");
        out.put("role", "assistant");
        out.put("model", clientModel);
        ArrayNode content = out.putArray("content");
        String text = text(message.path("content"));
        String refusal = message.path("refusal").asText("");
        if (!text.isEmpty() || !refusal.isEmpty()) {
            content.addObject().put("type", "text").put("text", text.isEmpty() ? refusal : text);
        }
        for (JsonNode call : message.path("tool_calls")) {
            content.add(ToolMappings.anthropicToolUse(call.path("id").asText(),
                    call.path("function").path("name").asText(), input(call.path("function").path("arguments"))));
        }
        String finish = choice.path("finish_reason").asText("stop");
        out.put("stop_reason", text.isEmpty() && !refusal.isEmpty() ? "refusal" : StopReasons.toAnthropic(finish));
        out.putNull("stop_sequence");
        out.set("usage", Usages.toAnthropic(Usages.fromOpenAi(completion.path("usage"))));
        return out;
    }

    /**
     * A translator of an OpenAI chunk stream into named Anthropic events, see {@link ChunksToAnthropicEvents}
     * for the exact mapping and when {@link StreamTranslator#completed()} turns true.
     *
     * @param clientModel the model name the client asked for
     * @param id the message id to present ({@code msg_...})
     */
    public static StreamTranslator stream(String clientModel, String id) {
        return new ChunksToAnthropicEvents(clientModel, id);
    }

    /** {@code chatcmpl-abc} becomes {@code msg_abc}; any other id gains the {@code msg_} prefix. */
    static String messageId(String upstreamId) {
        if (upstreamId.isEmpty()) {
            return "msg_unknown";
        }
        return "msg_" + (upstreamId.startsWith("chatcmpl-") ? upstreamId.substring("chatcmpl-".length()) : upstreamId);
    }

    /** Message content as text: a string, or the text of its parts (some compatible servers send parts). */
    static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.textValue();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText())) {
                text.append(part.path("text").asText(""));
            }
        }
        return text.toString();
    }

    private static JsonNode input(JsonNode arguments) {
        if (arguments.isObject()) {
            return arguments.deepCopy();
        }
        String text = arguments.asText("");
        if (text.isBlank()) {
            return Json.object();
        }
        JsonNode parsed = Json.parseLenient(text);
        if (!parsed.isObject()) {
            throw GatewayException.of(ErrorKind.UPSTREAM_ERROR,
                    "upstream returned tool-call arguments that are not a JSON object");
        }
        return parsed;
    }
}
