package io.tollgate.adapters.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Usage;

/**
 * Converts the usage objects of OpenAI and Anthropic responses to and from {@link Usage}. Pure functions; safe
 * from any thread. Absent or malformed counts read as 0, never as an error: usage must not fail a response.
 */
public final class Usages {

    private Usages() {
    }

    /**
     * Reads an OpenAI {@code usage} object (Chat Completions, Completions or Embeddings).
     * {@code prompt_tokens_details.cached_tokens} becomes the cached bucket and is taken out of the plain input;
     * {@code completion_tokens_details.reasoning_tokens} becomes the reasoning bucket and is taken out of the
     * plain output. Servers that report cache hits only as {@code prompt_cache_hit_tokens} (DeepSeek's documented
     * usage, where {@code prompt_tokens} is hits plus misses) get the same treatment.
     * {@code prompt_tokens_details.cache_write_tokens} (OpenRouter, for models that bill cache writes) becomes the
     * 5-minute cache-write bucket and is taken out of the plain input too. Embeddings usage has only
     * {@code prompt_tokens}, which becomes plain input.
     *
     * @param usage the {@code usage} node; missing or null gives {@link Usage#ZERO}
     */
    public static Usage fromOpenAi(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return Usage.ZERO;
        }
        long prompt = Json.count(usage, "prompt_tokens");
        long completion = Json.count(usage, "completion_tokens");
        JsonNode details = usage.path("prompt_tokens_details");
        long cached = Math.min(prompt, details.has("cached_tokens") ? Json.count(details, "cached_tokens")
                : Json.count(usage, "prompt_cache_hit_tokens"));
        long written = Math.min(prompt - cached, Json.count(details, "cache_write_tokens"));
        long reasoning = Math.min(completion,
                Json.count(usage.path("completion_tokens_details"), "reasoning_tokens"));
        return new Usage(prompt - cached - written, cached, written, 0, completion - reasoning, reasoning);
    }

    /**
     * Reads an Anthropic {@code usage} object. {@code cache_read_input_tokens} is the cached bucket. Cache writes
     * come from {@code cache_creation.ephemeral_5m_input_tokens} / {@code ephemeral_1h_input_tokens} when that
     * object is present (any part of {@code cache_creation_input_tokens} they do not explain counts as a 5-minute
     * write), otherwise all of {@code cache_creation_input_tokens} is a 5-minute write. Reasoning is always 0:
     * Anthropic counts thinking inside {@code output_tokens}.
     *
     * @param usage the {@code usage} node; missing or null gives {@link Usage#ZERO}
     */
    public static Usage fromAnthropic(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return Usage.ZERO;
        }
        long write = Json.count(usage, "cache_creation_input_tokens");
        long write5m = write;
        long write1h = 0;
        JsonNode creation = usage.path("cache_creation");
        if (creation.isObject()) {
            write1h = Json.count(creation, "ephemeral_1h_input_tokens");
            long explained5m = Json.count(creation, "ephemeral_5m_input_tokens");
            write5m = Math.max(explained5m, write - write1h);
        }
        return new Usage(Json.count(usage, "input_tokens"), Json.count(usage, "cache_read_input_tokens"), write5m,
                write1h, Json.count(usage, "output_tokens"), 0);
    }

    /**
     * Writes OpenAI's Chat Completions {@code usage}: {@code prompt_tokens} counts every input bucket,
     * {@code completion_tokens} output plus reasoning, with the cached and reasoning details.
     */
    public static ObjectNode toOpenAi(Usage usage) {
        ObjectNode node = Json.object();
        node.put("prompt_tokens", usage.promptTokens());
        node.put("completion_tokens", usage.completionTokens());
        node.put("total_tokens", usage.totalTokens());
        node.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedInputTokens());
        node.putObject("completion_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
        return node;
    }

    /**
     * Writes Anthropic's {@code usage}: {@code input_tokens} is the plain input only, cache reads and writes have
     * their own fields (with the {@code cache_creation} split by lifetime), {@code output_tokens} includes
     * reasoning, as Anthropic counts it.
     */
    public static ObjectNode toAnthropic(Usage usage) {
        ObjectNode node = Json.object();
        node.put("input_tokens", usage.inputTokens());
        long writes = usage.cacheWriteTokens() + usage.cacheWrite1hTokens();
        // saturate, as Usage's own sums do: an absurd upstream count must not wrap into a negative one
        node.put("cache_creation_input_tokens", writes < 0 ? Long.MAX_VALUE : writes);
        node.put("cache_read_input_tokens", usage.cachedInputTokens());
        ObjectNode creation = node.putObject("cache_creation");
        creation.put("ephemeral_5m_input_tokens", usage.cacheWriteTokens());
        creation.put("ephemeral_1h_input_tokens", usage.cacheWrite1hTokens());
        node.put("output_tokens", usage.completionTokens());
        return node;
    }

    /**
     * Reads a Responses API {@code usage} object: {@code input_tokens} counts every input token, of which
     * {@code input_tokens_details.cached_tokens} were read from the prompt cache; {@code output_tokens} counts every
     * output token, of which {@code output_tokens_details.reasoning_tokens} were reasoning.
     *
     * @param usage the {@code usage} node; missing or null gives {@link Usage#ZERO}
     */
    public static Usage fromResponses(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return Usage.ZERO;
        }
        long input = Json.count(usage, "input_tokens");
        long output = Json.count(usage, "output_tokens");
        long cached = Math.min(input, Json.count(usage.path("input_tokens_details"), "cached_tokens"));
        long reasoning = Math.min(output, Json.count(usage.path("output_tokens_details"), "reasoning_tokens"));
        return new Usage(input - cached, cached, 0, 0, output - reasoning, reasoning);
    }

    /** Writes a Responses API {@code usage}: all input, all output, with the cached and reasoning details. */
    public static ObjectNode toResponses(Usage usage) {
        ObjectNode node = Json.object();
        node.put("input_tokens", usage.promptTokens());
        node.putObject("input_tokens_details").put("cached_tokens", usage.cachedInputTokens());
        node.put("output_tokens", usage.completionTokens());
        node.putObject("output_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
        node.put("total_tokens", usage.totalTokens());
        return node;
    }
}
