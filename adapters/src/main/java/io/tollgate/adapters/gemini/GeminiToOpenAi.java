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
 * Serves a Gemini client (Google's SDKs pointed at the gateway's {@code /genai/v1beta/models/{model}:generateContent}
 * and {@code :streamGenerateContent} routes) through the OpenAI hub: the request goes Gemini to OpenAI Chat
 * Completions, the response and the stream come back OpenAI to Gemini. Pure functions on Jackson trees; the input
 * trees are never modified; safe from any thread.
 *
 * <p>Lossy points: {@code safetySettings}, {@code topK} and {@code labels} are dropped; several system parts are
 * joined with newlines; ANY with several {@code allowedFunctionNames} becomes {@code required} over all tools; the
 * thinking settings become a {@code reasoning_effort} (see {@link GenerationConfigs}). Refused:
 * {@code cachedContent} (a Google cache the upstream does not have), Google's own tools, log probabilities,
 * non-text output, media by URI other than http(s) images.
 */
public final class GeminiToOpenAi {

    private GeminiToOpenAi() {
    }

    /**
     * Translates a {@code GenerateContentRequest} into a Chat Completions request.
     *
     * @param request the client's body
     * @param model the model named in the URL ({@code gemini-2.5-flash} of {@code models/gemini-2.5-flash})
     * @param stream true for {@code streamGenerateContent}: sets {@code stream} and
     *     {@code stream_options.include_usage}
     * @return a new Chat Completions request
     * @throws GatewayException {@link ErrorKind#INVALID_REQUEST} naming the field, for missing {@code contents}, a
     *     mistyped field, a function response that answers no call, or a feature the hub cannot express
     */
    public static ObjectNode request(ObjectNode request, String model, boolean stream) {
        ArrayNode contents = Params.requireArray(request, "contents");
        if (!Json.absent(request.path("cachedContent"))) {
            throw GatewayException.invalid("cachedContent", "'cachedContent' is not supported through this gateway");
        }
        ObjectNode out = Json.object();
        out.put("model", model);
        out.set("messages", GeminiMessages.toOpenAi(request.path("systemInstruction"), contents));
        ArrayNode tools = GeminiTools.toOpenAi(Params.optionalArray(request.path("tools"), "tools"));
        if (!tools.isEmpty()) {
            out.set("tools", tools);
            GeminiTools.choiceToOpenAi(request.path("toolConfig"), out);
        }
        GenerationConfigs.toOpenAi(request.path("generationConfig"), out);
        if (stream) {
            out.put("stream", true);
            out.putObject("stream_options").put("include_usage", true);
        }
        return out;
    }

    /**
     * Translates a {@code chat.completion} into a {@code GenerateContentResponse}: one candidate per choice, its
     * text (or refusal) as a text part, its tool calls as {@code functionCall} parts with parsed {@code args}
     * (and the {@code thoughtSignature} of {@code extra_content.google.thought_signature}), {@code finish_reason}
     * mapped by {@link FinishReasons}, {@code usageMetadata} from the OpenAI usage.
     *
     * @param completion the upstream's body
     * @param modelVersion the {@code modelVersion} to present (the model the client named)
     * @param responseId the {@code responseId} to present
     * @throws GatewayException {@link ErrorKind#UPSTREAM_ERROR} when the body is an error, has no choice, or
     *     carries tool-call arguments that are not a JSON object
     */
    public static Translation response(JsonNode completion, String modelVersion, String responseId) {
        if (completion.has("error")) {
            throw GeminiErrors.fromEvent(completion);
        }
        JsonNode choices = completion.path("choices");
        if (!choices.isArray() || choices.isEmpty()) {
            throw GatewayException.of(ErrorKind.UPSTREAM_ERROR, "upstream answered without a choice");
        }
        Usage usage = Usages.fromOpenAi(completion.path("usage"));
        ObjectNode out = Json.object();
        ArrayNode candidates = out.putArray("candidates");
        for (JsonNode choice : choices) {
            JsonNode message = choice.path("message");
            ArrayNode parts = Json.array();
            String text = text(message.path("content"));
            String shown = text.isEmpty() ? message.path("refusal").asText("") : text;
            if (!shown.isEmpty()) {
                parts.addObject().put("text", shown);
            }
            for (JsonNode call : message.path("tool_calls")) {
                parts.add(functionCall(call.path("id").asText(""), call.path("function").path("name").asText(""),
                        call.path("function").path("arguments").asText(""), call));
            }
            candidates.add(candidate(choice.path("index").asInt(0), parts,
                    FinishReasons.toGemini(choice.path("finish_reason").asText("stop"))));
        }
        out.set("usageMetadata", GeminiUsage.toGemini(usage));
        out.put("modelVersion", modelVersion);
        out.put("responseId", responseId);
        return new Translation(out, usage);
    }

    /**
     * A translator of an OpenAI chunk stream into Gemini SSE events ({@code data: <GenerateContentResponse>}), see
     * {@link ChunksToGeminiEvents} for the exact mapping.
     *
     * @param modelVersion the {@code modelVersion} to present
     * @param responseId the {@code responseId} to present
     */
    public static StreamTranslator stream(String modelVersion, String responseId) {
        return new ChunksToGeminiEvents(modelVersion, responseId);
    }

    /** A candidate; a candidate with no parts gets one empty text part, as Gemini's last chunks have. */
    static ObjectNode candidate(int index, ArrayNode parts, String finishReason) {
        ObjectNode candidate = Json.object();
        ObjectNode content = candidate.putObject("content").put("role", "model");
        content.set("parts", parts.isEmpty() ? Json.array().add(Json.object().put("text", "")) : parts);
        if (finishReason != null) {
            candidate.put("finishReason", finishReason);
        }
        candidate.put("index", index);
        return candidate;
    }

    /** A {@code functionCall} part; the arguments must be a JSON object (an empty text is {}). */
    static ObjectNode functionCall(String id, String name, String arguments, JsonNode call) {
        JsonNode args = arguments.isBlank() ? Json.object() : Json.parseLenient(arguments);
        if (!args.isObject()) {
            throw GatewayException.of(ErrorKind.UPSTREAM_ERROR,
                    "upstream returned tool-call arguments that are not a JSON object");
        }
        ObjectNode part = Json.object();
        ObjectNode functionCall = part.putObject("functionCall");
        if (!id.isEmpty()) {
            functionCall.put("id", id);
        }
        functionCall.put("name", name).set("args", args);
        JsonNode signature = call.path("extra_content").path("google").path("thought_signature");
        if (signature.isTextual()) {
            part.put("thoughtSignature", signature.textValue());
        }
        return part;
    }

    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.textValue();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            text.append(part.path("text").asText(""));
        }
        return text.toString();
    }
}
