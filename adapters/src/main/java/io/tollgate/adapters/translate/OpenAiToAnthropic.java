package io.tollgate.adapters.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.StreamTranslator;

/**
 * Serves an OpenAI Chat Completions client from an Anthropic Messages upstream: the request goes OpenAI to
 * Anthropic, the response and the stream come back Anthropic to OpenAI. Pure functions on Jackson trees; the
 * input trees are never modified; safe from any thread.
 *
 * <p>Lossy points: system and developer messages are lifted to the top-level {@code system} wherever they stand;
 * {@code temperature} is clamped from OpenAI's 0..2 to Anthropic's 0..1; {@code response_format} becomes an
 * instruction appended to the system prompt; {@code n > 1} is refused; {@code seed}, penalties,
 * {@code logit_bias}, {@code logprobs}, {@code stream_options} and message {@code name}s are dropped; thinking
 * output is never shown to the client.
 */
public final class OpenAiToAnthropic {

    /** The {@code reasoning_effort} thinking budgets, in tokens: low, medium, high. */
    static final long LOW_BUDGET = 1024;
    static final long MEDIUM_BUDGET = 4096;
    static final long HIGH_BUDGET = 16384;

    private OpenAiToAnthropic() {
    }

    /**
     * Translates a Chat Completions request into a Messages request.
     *
     * <ul>
     *   <li>{@code max_completion_tokens}, else {@code max_tokens}, else {@code defaultMaxTokens} becomes
     *       {@code max_tokens} (Anthropic requires it);</li>
     *   <li>{@code stop} (string or list) becomes {@code stop_sequences}; {@code user} becomes
     *       {@code metadata.user_id}; {@code top_p} is kept except the no-op 1 next to a temperature;</li>
     *   <li>{@code response_format} {@code json_object} or {@code json_schema} adds an instruction (with the
     *       schema) as the last system block: a best effort, the upstream does not enforce it;</li>
     *   <li>{@code reasoning_effort} low / medium / high enables thinking with a budget of 1024 / 4096 / 16384
     *       tokens, capped below {@code max_tokens} (skipped when that leaves under 1024, or when a tool is
     *       forced); thinking then drops {@code temperature}, {@code top_k} and a {@code top_p} under 0.95,
     *       which Anthropic refuses next to it.</li>
     * </ul>
     *
     * @param request the client's body
     * @param upstreamModel the model name the upstream knows
     * @param defaultMaxTokens the {@code max_tokens} to send when the client set none
     * @return a new Messages request
     * @throws GatewayException {@link ErrorKind#INVALID_REQUEST} naming the parameter, for a missing
     *     {@code model} or {@code messages}, a mistyped field, invalid tool-call arguments, or {@code n > 1}
     */
    public static ObjectNode request(ObjectNode request, String upstreamModel, long defaultMaxTokens) {
        Params.requireText(request, "model");
        ArrayNode messages = Params.requireArray(request, "messages");
        JsonNode n = request.path("n");
        if (!Json.absent(n) && Params.positive(n, "n") != 1) {
            throw GatewayException.invalid("n", "'n' greater than 1 is not supported by the upstream provider");
        }
        OpenAiMessages.Converted converted = OpenAiMessages.toAnthropic(messages);
        ObjectNode out = Json.object();
        out.put("model", upstreamModel);
        long maxTokens = maxTokens(request, defaultMaxTokens);
        out.put("max_tokens", maxTokens);
        ArrayNode system = converted.system();
        ResponseFormats.instruction(request.path("response_format")).ifPresent(system::add);
        if (system.size() == 1 && system.get(0).size() == 2) {
            out.put("system", system.get(0).path("text").asText());
        } else if (!system.isEmpty()) {
            out.set("system", system);
        }
        out.set("messages", converted.messages());
        stopSequences(request.path("stop"), out);
        sampling(request, out);
        if (!Json.absent(request.path("stream")) && Params.bool(request.path("stream"), "stream")) {
            out.put("stream", true);
        }
        if (!Json.absent(request.path("user"))) {
            out.putObject("metadata").put("user_id", Params.requireString(request.path("user"), "user"));
        }
        ArrayNode tools = Params.optionalArray(request.path("tools"), "tools");
        if (!tools.isEmpty()) {
            out.set("tools", ToolMappings.toolsToAnthropic(tools));
        }
        JsonNode choice = ToolMappings.choiceToAnthropic(request.path("tool_choice"),
                tools.isEmpty() ? Json.missing() : request.path("parallel_tool_calls"));
        if (!choice.isMissingNode()) {
            out.set("tool_choice", choice);
        }
        thinking(request.path("reasoning_effort"), maxTokens, out);
        return out;
    }

    /**
     * Translates a Messages response into a {@code chat.completion}: text blocks concatenated into
     * {@code content} ({@code null} when there is none), {@code tool_use} blocks into {@code tool_calls} with
     * compact JSON {@code arguments}, thinking and server-tool blocks dropped, {@code stop_reason} mapped to
     * {@code finish_reason}, usage converted through {@link Usages}.
     *
     * @param message the upstream's body
     * @param clientModel the model name the client asked for
     * @param id the {@code chat.completion} id to present
     * @param createdEpochSeconds the {@code created} time
     * @throws GatewayException {@link ErrorKind#UPSTREAM_ERROR} when the body is an error or has no content
     */
    public static ObjectNode response(JsonNode message, String clientModel, String id, long createdEpochSeconds) {
        if ("error".equals(message.path("type").asText())) {
            throw UpstreamErrors.fromAnthropicEvent(message);
        }
        JsonNode content = message.path("content");
        if (!content.isArray()) {
            throw GatewayException.of(ErrorKind.UPSTREAM_ERROR, "upstream answered without a content array");
        }
        StringBuilder text = new StringBuilder();
        ArrayNode calls = Json.array();
        for (JsonNode block : content) {
            switch (block.path("type").asText()) {
                case "text" -> text.append(block.path("text").asText());
                case "tool_use" -> calls.add(ToolMappings.openAiToolCall(block.path("id").asText(),
                        block.path("name").asText(),
                        block.path("input").isObject() ? block.path("input") : Json.object()));
                default -> {
                    // thinking, redacted_thinking and server-tool blocks have no Chat Completions form
                }
            }
        }
        ObjectNode out = Json.object();
        out.put("id", id);
        out.put("object", "chat.completion");
        out.put("created", createdEpochSeconds);
        out.put("model", clientModel);
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("message", ToolMappings.openAiAssistantMessage(text.toString(), calls));
        choice.putNull("logprobs");
        choice.put("finish_reason", StopReasons.toOpenAi(message.path("stop_reason").asText("")));
        out.set("usage", Usages.toOpenAi(Usages.fromAnthropic(message.path("usage"))));
        return out;
    }

    /**
     * A translator of an Anthropic event stream into {@code chat.completion.chunk} events, see
     * {@link AnthropicEventsToChunks} for the exact mapping. {@link StreamTranslator#completed()} is true once
     * {@code message_stop} arrived; {@link StreamTranslator#onEnd()} never adds events, so after a cut stream
     * the caller writes its error event.
     *
     * @param clientModel the model name the client asked for
     * @param id the chunk id to present
     * @param created the chunks' {@code created} time, epoch seconds
     * @param includeUsage whether the client asked for {@code stream_options.include_usage}
     */
    public static StreamTranslator stream(String clientModel, String id, long created, boolean includeUsage) {
        return new AnthropicEventsToChunks(clientModel, id, created, includeUsage);
    }

    private static long maxTokens(JsonNode request, long defaultMaxTokens) {
        for (String field : new String[] {"max_completion_tokens", "max_tokens"}) {
            if (!Json.absent(request.path(field))) {
                return Params.positive(request.path(field), field);
            }
        }
        return defaultMaxTokens;
    }

    private static void stopSequences(JsonNode stop, ObjectNode out) {
        if (!Json.absent(stop)) {
            out.set("stop_sequences", Params.strings(stop, "stop"));
        }
    }

    private static void sampling(JsonNode request, ObjectNode out) {
        JsonNode temperature = request.path("temperature");
        if (!Json.absent(temperature)) {
            out.put("temperature", Math.max(0.0, Math.min(1.0, Params.number(temperature, "temperature"))));
        }
        JsonNode topP = request.path("top_p");
        if (!Json.absent(topP) && !(Params.number(topP, "top_p") == 1.0 && out.has("temperature"))) {
            out.put("top_p", topP.asDouble());
        }
        JsonNode topK = request.path("top_k");
        if (!Json.absent(topK)) {
            out.put("top_k", Params.positive(topK, "top_k"));
        }
    }

    private static void thinking(JsonNode effort, long maxTokens, ObjectNode out) {
        if (Json.absent(effort)) {
            return;
        }
        long wanted = switch (Params.requireString(effort, "reasoning_effort")) {
            case "none", "minimal" -> 0;
            case "low" -> LOW_BUDGET;
            case "medium" -> MEDIUM_BUDGET;
            case "high" -> HIGH_BUDGET;
            default -> throw GatewayException.invalid("reasoning_effort",
                    "'reasoning_effort' must be none, minimal, low, medium or high, was " + effort);
        };
        long budget = Math.min(wanted, maxTokens - 1);
        String forced = out.path("tool_choice").path("type").asText();
        if (budget < LOW_BUDGET || "any".equals(forced) || "tool".equals(forced)) {
            return;
        }
        out.putObject("thinking").put("type", "enabled").put("budget_tokens", budget);
        out.remove("temperature");
        out.remove("top_k");
        if (out.path("top_p").asDouble(1.0) < 0.95) {
            out.remove("top_p");
        }
    }
}
