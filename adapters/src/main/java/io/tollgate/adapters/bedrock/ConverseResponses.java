package io.tollgate.adapters.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Usage;
import io.tollgate.adapters.translate.Usages;

/** Responses, stop reasons and usage between Anthropic Messages and Bedrock Converse. */
final class ConverseResponses {

    private ConverseResponses() {
    }

    /**
     * A Converse response as an Anthropic message: text and toolUse blocks kept, reasoning dropped.
     *
     * @throws GatewayException {@code UPSTREAM_ERROR} when the body has no {@code output.message.content}
     */
    static ObjectNode toAnthropic(JsonNode converse) {
        JsonNode content = converse.path("output").path("message").path("content");
        if (!content.isArray()) {
            throw GatewayException.of(ErrorKind.UPSTREAM_ERROR, "Bedrock answered without output.message.content");
        }
        ObjectNode out = Trees.object();
        out.put("type", "message");
        out.put("role", "assistant");
        ArrayNode blocks = out.putArray("content");
        for (JsonNode block : content) {
            if (block.has("text")) {
                blocks.addObject().put("type", "text").put("text", block.path("text").asText(""));
            } else if (block.has("toolUse")) {
                JsonNode use = block.path("toolUse");
                ObjectNode converted = blocks.addObject().put("type", "tool_use");
                converted.put("id", use.path("toolUseId").asText()).put("name", use.path("name").asText());
                converted.set("input", use.path("input").isObject() ? use.path("input").deepCopy() : Trees.object());
            }
        }
        out.put("stop_reason", stopToAnthropic(converse.path("stopReason").asText("")));
        out.set("usage", usageToAnthropic(converse.path("usage")));
        return out;
    }

    /** An Anthropic message as a Converse response, with {@code metrics.latencyMs}. */
    static ObjectNode toConverse(JsonNode message, long latencyMs) {
        ObjectNode out = Trees.object();
        ObjectNode reply = out.putObject("output").putObject("message");
        reply.put("role", "assistant");
        ArrayNode blocks = reply.putArray("content");
        for (JsonNode block : message.path("content")) {
            switch (block.path("type").asText()) {
                case "text" -> blocks.addObject().put("text", block.path("text").asText(""));
                case "tool_use" -> {
                    ObjectNode use = blocks.addObject().putObject("toolUse");
                    use.put("toolUseId", block.path("id").asText()).put("name", block.path("name").asText());
                    use.set("input", block.path("input").deepCopy());
                }
                default -> {
                    // thinking blocks have no place in a Converse answer without reasoning configured
                }
            }
        }
        out.put("stopReason", stopToConverse(message.path("stop_reason").asText("")));
        out.set("usage", usageToConverse(Usages.fromAnthropic(message.path("usage"))));
        out.putObject("metrics").put("latencyMs", latencyMs);
        return out;
    }

    /**
     * Converse {@code stopReason} to Anthropic {@code stop_reason}; the translators in {@code translate} take it to
     * OpenAI from there: end_turn and stop_sequence stop, max_tokens and model_context_window_exceeded length,
     * tool_use tool_calls, guardrail_intervened and content_filtered (as refusal) content_filter.
     */
    static String stopToAnthropic(String stopReason) {
        return switch (stopReason) {
            case "stop_sequence", "max_tokens", "tool_use", "model_context_window_exceeded" -> stopReason;
            case "guardrail_intervened", "content_filtered" -> "refusal";
            default -> "end_turn";
        };
    }

    /** Anthropic {@code stop_reason} to Converse {@code stopReason}; refusal is content_filtered. */
    static String stopToConverse(String stopReason) {
        return switch (stopReason) {
            case "stop_sequence", "max_tokens", "tool_use", "model_context_window_exceeded" -> stopReason;
            case "refusal" -> "content_filtered";
            default -> "end_turn";
        };
    }

    /**
     * Converse {@code usage} in Anthropic's shape, so that {@link Usages#fromAnthropic} reads it into the gateway's
     * disjoint buckets. Bedrock's {@code inputTokens} is taken as the plain input, leaving out the tokens read from
     * or written to the prompt cache, as Anthropic's {@code input_tokens} does. The API reference (TokenUsage,
     * docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_TokenUsage.html) says only "the number of tokens
     * sent in the request to the model"; TanStack AI's Bedrock Converse adapter (release notes of
     * {@code @tanstack/ai-claude-code} 0.8.0, github.com/tanstack/ai) treats it as "the uncached tokens" and adds
     * cache reads and writes to get the whole prompt, which matches Claude on Bedrock passing through Anthropic's
     * own counts. {@code cacheDetails} (per TTL, {@code 5m} or {@code 1h}; API reference TokenUsage and
     * CacheDetail) splits the writes between the 5-minute and the 1-hour bucket.
     */
    static ObjectNode usageToAnthropic(JsonNode usage) {
        ObjectNode out = Trees.object();
        out.put("input_tokens", Trees.count(usage, "inputTokens"));
        out.put("cache_read_input_tokens", Trees.count(usage, "cacheReadInputTokens"));
        out.put("cache_creation_input_tokens", Trees.count(usage, "cacheWriteInputTokens"));
        JsonNode details = usage.path("cacheDetails");
        if (details.isArray() && !details.isEmpty()) {
            long fiveMinutes = 0;
            long oneHour = 0;
            for (JsonNode detail : details) {
                if ("1h".equals(detail.path("ttl").asText())) {
                    oneHour += Trees.count(detail, "inputTokens");
                } else {
                    fiveMinutes += Trees.count(detail, "inputTokens");
                }
            }
            out.putObject("cache_creation").put("ephemeral_5m_input_tokens", fiveMinutes)
                    .put("ephemeral_1h_input_tokens", oneHour);
        }
        out.put("output_tokens", Trees.count(usage, "outputTokens"));
        return out;
    }

    /** Reads a Converse {@code usage} object; absent or malformed counts read as 0. */
    static Usage usage(JsonNode usage) {
        return usage.isObject() ? Usages.fromAnthropic(usageToAnthropic(usage)) : Usage.ZERO;
    }

    /**
     * Writes a Converse {@code usage}: {@code inputTokens} the plain input only, cache reads and writes in their
     * own fields, {@code outputTokens} with reasoning, {@code totalTokens} every bucket.
     */
    static ObjectNode usageToConverse(Usage usage) {
        ObjectNode out = Trees.object();
        out.put("inputTokens", usage.inputTokens());
        out.put("outputTokens", usage.completionTokens());
        out.put("totalTokens", usage.totalTokens());
        long writes = usage.cacheWriteTokens() + usage.cacheWrite1hTokens();
        if (usage.cachedInputTokens() > 0 || writes > 0) {
            out.put("cacheReadInputTokens", usage.cachedInputTokens());
            out.put("cacheWriteInputTokens", writes);
        }
        return out;
    }
}
