package io.tollgate.adapters.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.StreamTranslator;
import io.tollgate.adapters.Usage;
import io.tollgate.adapters.translate.OpenAiToAnthropic;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Serves an OpenAI Chat Completions client from Bedrock's Converse API ({@code POST /model/{modelId}/converse} and
 * {@code /converse-stream}). Converse is Anthropic's Messages under other names, so the request goes OpenAI to
 * Anthropic through {@link OpenAiToAnthropic} (same validation, system lifting, turn merging, tool mapping) and is
 * then renamed to Converse; responses and streams come back the same way. Pure functions on Jackson trees; the
 * input trees are never modified; safe from any thread.
 *
 * <p>Lossy points, beyond those of {@link OpenAiToAnthropic}: images only as base64 data URLs (Converse takes no
 * image URL); {@code reasoning_effort}, {@code top_k}, {@code user} and {@code tool_choice: none} are dropped;
 * {@code max_tokens} is sent only when the client set one; reasoning output is never shown.
 */
public final class BedrockConverse {

    private BedrockConverse() {
    }

    /**
     * Translates a Chat Completions request into a Converse request body ({@code messages}, {@code system},
     * {@code inferenceConfig}, {@code toolConfig}; the model is in the URL, see {@link #path(String, boolean)}).
     * {@code cache_control} on a text part becomes a {@code cachePoint} after it.
     *
     * @param request the client's body
     * @return a new Converse request
     * @throws GatewayException {@link ErrorKind#INVALID_REQUEST} naming the parameter, for what
     *     {@link OpenAiToAnthropic#request} refuses, and for an image given by http(s) URL or in a format other than
     *     png, jpeg, gif or webp
     */
    public static ObjectNode request(ObjectNode request) {
        refuseImageUrls(request.path("messages"));
        ObjectNode copy = request.deepCopy();
        copy.remove("reasoning_effort");
        boolean clientMax = !Trees.absent(request.path("max_completion_tokens"))
                || !Trees.absent(request.path("max_tokens"));
        String model = request.path("model").asText("");
        ObjectNode anthropic = OpenAiToAnthropic.request(copy, model, 1);
        return ConverseRequests.toConverse(anthropic, clientMax);
    }

    /**
     * Translates a Converse response into a {@code chat.completion}: text blocks joined into {@code content},
     * {@code toolUse} blocks into {@code tool_calls}, {@code stopReason} into {@code finish_reason}
     * (end_turn and stop_sequence stop, max_tokens length, tool_use tool_calls, guardrail_intervened and
     * content_filtered content_filter), usage as {@link #usage(JsonNode)} reads it.
     *
     * @param converse the upstream's body
     * @param clientModel the model name the client asked for
     * @param id the {@code chat.completion} id to present
     * @param createdEpochSeconds the {@code created} time
     * @throws GatewayException {@link ErrorKind#UPSTREAM_ERROR} when the body has no {@code output.message}
     */
    public static ObjectNode response(JsonNode converse, String clientModel, String id, long createdEpochSeconds) {
        return OpenAiToAnthropic.response(ConverseResponses.toAnthropic(converse), clientModel, id,
                createdEpochSeconds);
    }

    /**
     * A translator of ConverseStream events into {@code chat.completion.chunk} events ending with {@code [DONE]}.
     * It reads the SSE form that {@link EventStreams#sse(java.io.InputStream)} makes of the binary stream. The
     * usage comes from the closing {@code metadata} event, after which {@link StreamTranslator#completed()} is
     * true; the usage chunk ({@code choices: []}) is sent only when {@code includeUsage}. An exception event throws
     * {@link GatewayException} with the status of its type.
     *
     * @param clientModel the model name the client asked for
     * @param id the chunk id to present
     * @param created the chunks' {@code created} time, epoch seconds
     * @param includeUsage whether the client asked for {@code stream_options.include_usage}
     */
    public static StreamTranslator stream(String clientModel, String id, long created, boolean includeUsage) {
        return new ChainedStream(new ConverseEventsToAnthropic(),
                OpenAiToAnthropic.stream(clientModel, id, created, includeUsage));
    }

    /**
     * Reads a Converse {@code usage} ({@code inputTokens, outputTokens, totalTokens, cacheReadInputTokens,
     * cacheWriteInputTokens, cacheDetails}) into {@link Usage}: input {@code inputTokens} (Bedrock counts cache
     * reads and writes apart from it), cached {@code cacheReadInputTokens}, cache writes
     * {@code cacheWriteInputTokens} split by {@code cacheDetails} TTL into 5-minute and 1-hour (all 5-minute
     * without details), output {@code outputTokens}, reasoning 0 (counted in the output).
     *
     * @param usage the {@code usage} node; missing or malformed gives {@link Usage#ZERO}
     */
    public static Usage usage(JsonNode usage) {
        return ConverseResponses.usage(usage);
    }

    /**
     * Bedrock's error answer as an exception to throw: Bedrock's status and {@code message}, its type from the
     * {@code x-amzn-ErrorType} header ({@code ThrottlingException:http://...} gives {@code ThrottlingException}).
     *
     * @param status the HTTP status
     * @param errorTypeHeader the {@code x-amzn-ErrorType} header value, empty when absent
     * @param body the raw body
     * @return an {@link ErrorKind#UPSTREAM_ERROR} exception, never thrown here
     */
    public static GatewayException error(int status, String errorTypeHeader, byte[] body) {
        return BedrockErrors.fromResponse(status, errorTypeHeader, body);
    }

    /**
     * The request path for a model: {@code /model/{modelId}/converse} or {@code /converse-stream}, the model id
     * percent-encoded (inference profile ARNs hold {@code :} and {@code /}).
     */
    public static String path(String modelId, boolean stream) {
        String encoded = URLEncoder.encode(modelId, StandardCharsets.UTF_8).replace("+", "%20");
        return "/model/" + encoded + (stream ? "/converse-stream" : "/converse");
    }

    private static void refuseImageUrls(JsonNode messages) {
        for (int i = 0; i < messages.size(); i++) {
            JsonNode content = messages.get(i).path("content");
            for (int j = 0; content.isArray() && j < content.size(); j++) {
                JsonNode image = content.get(j).path("image_url");
                String url = image.isTextual() ? image.textValue() : image.path("url").asText("");
                if ("image_url".equals(content.get(j).path("type").asText()) && !url.startsWith("data:")) {
                    throw GatewayException.invalid("messages[" + i + "].content[" + j + "].image_url.url",
                            "Bedrock takes images only as base64 data URLs (data:image/png;base64,...), not by URL");
                }
            }
        }
    }
}
