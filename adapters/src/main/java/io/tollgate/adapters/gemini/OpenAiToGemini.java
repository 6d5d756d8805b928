package io.tollgate.adapters.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.StreamTranslator;
import io.tollgate.adapters.Usage;
import io.tollgate.adapters.translate.Json;
import io.tollgate.adapters.translate.Params;
import io.tollgate.adapters.translate.Usages;

/**
 * Serves an OpenAI Chat Completions client from a Gemini upstream ({@code generateContent} and
 * {@code streamGenerateContent?alt=sse} of Google AI Studio and Vertex AI, which share the JSON): the request goes
 * OpenAI to Gemini, the response and the stream come back Gemini to OpenAI. Pure functions on Jackson trees; the
 * input trees are never modified; safe from any thread.
 *
 * <p>Lossy points: system and developer messages are lifted into {@code systemInstruction}; the model, stream
 * flag and {@code stream_options} live in the URL or the caller, not the body; {@code user}, {@code metadata},
 * {@code store}, {@code service_tier}, {@code parallel_tool_calls} and message {@code name}s are dropped;
 * thinking text is never shown; tool-call ids are not sent (Gemini matches responses by name and order).
 * Refused: {@code logprobs}, {@code logit_bias}, audio output ({@code modalities}, {@code audio}),
 * {@code web_search_options}, non-function tools, files by id.
 */
public final class OpenAiToGemini {

    private static final String[] REFUSED = {"logit_bias", "audio", "web_search_options", "prediction"};

    private OpenAiToGemini() {
    }

    /**
     * Translates a Chat Completions request into a {@code GenerateContentRequest}: {@code systemInstruction},
     * {@code contents}, {@code tools}, {@code toolConfig} and {@code generationConfig} (see
     * {@link GenerationConfigs} for the parameters and the {@code reasoning_effort} budgets, and
     * {@link GeminiSchemas} for how tool and response schemas are cut down to what Gemini accepts).
     *
     * @param request the client's body
     * @param defaultMaxTokens the {@code maxOutputTokens} to send when the client set none; 0 sends none
     * @return a new Gemini request
     * @throws GatewayException {@link ErrorKind#INVALID_REQUEST} naming the parameter, for missing
     *     {@code messages}, a mistyped field, a tool message that answers no call, or a feature Gemini lacks
     */
    public static ObjectNode request(ObjectNode request, long defaultMaxTokens) {
        ArrayNode messages = Params.requireArray(request, "messages");
        for (String field : REFUSED) {
            JsonNode value = request.path(field);
            if (!Json.absent(value) && !(value.isContainerNode() && value.isEmpty())) {
                throw GatewayException.invalid(field, "'" + field + "' is not supported by the upstream provider");
            }
        }
        if (request.path("logprobs").asBoolean(false)) {
            throw GatewayException.invalid("logprobs", "'logprobs' is not supported by the upstream provider");
        }
        for (JsonNode modality : request.path("modalities")) {
            if (!"text".equals(modality.asText())) {
                throw GatewayException.invalid("modalities", "only text output is supported by the upstream provider");
            }
        }
        GeminiContents.Converted converted = GeminiContents.fromOpenAi(messages);
        if (converted.contents().isEmpty()) {
            throw GatewayException.invalid("messages", "'messages' must hold at least one user or assistant message");
        }
        ObjectNode out = Json.object();
        if (!converted.system().isEmpty()) {
            out.putObject("systemInstruction").set("parts", converted.system());
        }
        out.set("contents", converted.contents());
        ArrayNode tools = Params.optionalArray(request.path("tools"), "tools");
        if (!tools.isEmpty()) {
            out.set("tools", GeminiTools.toGemini(tools));
            JsonNode toolConfig = GeminiTools.choiceToGemini(request.path("tool_choice"));
            if (!toolConfig.isMissingNode()) {
                out.set("toolConfig", toolConfig);
            }
        }
        ObjectNode config = GenerationConfigs.toGemini(request, defaultMaxTokens);
        if (!config.isEmpty()) {
            out.set("generationConfig", config);
        }
        return out;
    }

    /**
     * Translates a {@code GenerateContentResponse} into a {@code chat.completion}: one choice per candidate, its
     * visible text as {@code content} ({@code null} when there is none), its function calls as {@code tool_calls}
     * (see {@link GeminiCandidates#toolCall}), {@code finishReason} mapped by {@link FinishReasons}, the usage from
     * {@code usageMetadata} (see {@link GeminiUsage}).
     *
     * <p>A prompt Gemini blocked ({@code promptFeedback.blockReason}, no candidates) is answered, not thrown: one
     * choice with {@code content: null}, a {@code refusal} that names the reason and {@code finish_reason}
     * {@code content_filter}, the way OpenAI reports filtered output, with the prompt tokens Gemini counted.
     *
     * @param response the upstream's body
     * @param clientModel the model name the client asked for
     * @param id the {@code chat.completion} id to present
     * @param createdEpochSeconds the {@code created} time
     * @throws GatewayException {@link ErrorKind#UPSTREAM_ERROR} when the body is an error or has neither
     *     candidates nor a block reason
     */
    public static Translation response(JsonNode response, String clientModel, String id, long createdEpochSeconds) {
        if (response.path("error").isObject()) {
            throw GeminiErrors.fromEvent(response);
        }
        Usage usage = GeminiUsage.fromGemini(response.path("usageMetadata"));
        ObjectNode out = Json.object();
        out.put("id", id);
        out.put("object", "chat.completion");
        out.put("created", createdEpochSeconds);
        out.put("model", clientModel);
        ArrayNode choices = out.putArray("choices");
        JsonNode candidates = response.path("candidates");
        String blocked = response.path("promptFeedback").path("blockReason").asText("");
        if (candidates.isArray() && !candidates.isEmpty()) {
            int ordinal = 0;
            for (JsonNode candidate : candidates) {
                ArrayNode calls = Json.array();
                for (JsonNode part : GeminiCandidates.functionCalls(candidate)) {
                    calls.add(GeminiCandidates.toolCall(part, ordinal++));
                }
                ObjectNode message = choice(choices, GeminiCandidates.index(candidate),
                        FinishReasons.toOpenAi(candidate.path("finishReason").asText(""), !calls.isEmpty()));
                String text = GeminiCandidates.text(candidate);
                if (!text.isEmpty()) {
                    message.put("content", text);
                }
                if (!calls.isEmpty()) {
                    message.set("tool_calls", calls);
                }
            }
        } else if (!blocked.isEmpty()) {
            choice(choices, 0, "content_filter").put("refusal", blockedMessage(blocked));
        } else {
            throw GatewayException.of(ErrorKind.UPSTREAM_ERROR, "upstream answered without a candidate");
        }
        out.set("usage", Usages.toOpenAi(usage));
        return new Translation(out, usage);
    }

    /**
     * A translator of a Gemini event stream into {@code chat.completion.chunk} events, see
     * {@link GeminiEventsToChunks} for the exact mapping. Gemini sends no end marker: the stream is
     * {@link StreamTranslator#completed() completed} when it ends after a {@code finishReason} (or a blocked
     * prompt), and {@link StreamTranslator#onEnd()} then adds the usage chunk (if asked) and {@code [DONE]}.
     *
     * @param clientModel the model name the client asked for
     * @param id the chunk id to present
     * @param created the chunks' {@code created} time, epoch seconds
     * @param includeUsage whether the client asked for {@code stream_options.include_usage}
     */
    public static StreamTranslator stream(String clientModel, String id, long created, boolean includeUsage) {
        return new GeminiEventsToChunks(clientModel, id, created, includeUsage);
    }

    static String blockedMessage(String blockReason) {
        return "The upstream provider blocked the prompt (" + blockReason + ").";
    }

    private static ObjectNode choice(ArrayNode choices, int index, String finishReason) {
        ObjectNode choice = choices.addObject();
        choice.put("index", index);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        message.putNull("content");
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        return message;
    }
}
