package io.tollgate.adapters.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.translate.Json;
import io.tollgate.adapters.translate.Params;
import java.util.Locale;

/**
 * OpenAI sampling, length, format and reasoning parameters to and from Gemini's {@code generationConfig}.
 *
 * <p>{@code reasoning_effort} becomes {@code thinkingConfig.thinkingBudget}: none 0 (thinking off where the model
 * allows it), minimal 512, low 1024, medium 8192, high 24576 tokens, the budgets Google and the gateways that
 * copy it use for Gemini 2.5. A budget rather than Gemini 3's {@code thinkingLevel}, because the translation does
 * not know the model and Gemini 3 still accepts budgets. Back, a budget of 0 is none, up to 1024 low, up to 8192
 * medium, more high, -1 (dynamic) no effort at all; a {@code thinkingLevel} is passed on lower-cased.
 */
final class GenerationConfigs {

    static final long MINIMAL_BUDGET = 512;
    static final long LOW_BUDGET = 1024;
    static final long MEDIUM_BUDGET = 8192;
    static final long HIGH_BUDGET = 24576;

    private static final String[][] NUMBERS = {{"temperature", "temperature"}, {"top_p", "topP"},
            {"presence_penalty", "presencePenalty"}, {"frequency_penalty", "frequencyPenalty"}};

    private GenerationConfigs() {
    }

    /**
     * The {@code generationConfig} of an OpenAI request; empty when the request sets nothing.
     *
     * @param defaultMaxTokens the {@code maxOutputTokens} to send when the client set none; 0 leaves the model's
     *     own default
     */
    static ObjectNode toGemini(JsonNode request, long defaultMaxTokens) {
        ObjectNode config = Json.object();
        for (String[] pair : NUMBERS) {
            JsonNode value = request.path(pair[0]);
            if (!Json.absent(value)) {
                config.put(pair[1], Params.number(value, pair[0]));
            }
        }
        long maxTokens = defaultMaxTokens;
        for (String field : new String[] {"max_tokens", "max_completion_tokens"}) {
            if (!Json.absent(request.path(field))) {
                maxTokens = Params.positive(request.path(field), field);
            }
        }
        if (maxTokens > 0) {
            config.put("maxOutputTokens", maxTokens);
        }
        if (!Json.absent(request.path("stop"))) {
            config.set("stopSequences", Params.strings(request.path("stop"), "stop"));
        }
        if (!Json.absent(request.path("n"))) {
            config.put("candidateCount", Params.positive(request.path("n"), "n"));
        }
        if (!Json.absent(request.path("seed"))) {
            config.put("seed", (long) Params.number(request.path("seed"), "seed"));
        }
        if (!Json.absent(request.path("top_k"))) {
            config.put("topK", Params.positive(request.path("top_k"), "top_k"));
        }
        responseFormat(request.path("response_format"), config);
        thinking(request.path("reasoning_effort"), config);
        return config;
    }

    private static void responseFormat(JsonNode format, ObjectNode config) {
        if (Json.absent(format)) {
            return;
        }
        Params.requireObject(format, "response_format");
        String type = Params.requireString(format.path("type"), "response_format.type");
        switch (type) {
            case "text" -> config.put("responseMimeType", "text/plain");
            case "json_object" -> config.put("responseMimeType", "application/json");
            case "json_schema" -> {
                config.put("responseMimeType", "application/json");
                JsonNode schema = Params.requireObject(format.path("json_schema"), "response_format.json_schema")
                        .path("schema");
                if (!Json.absent(schema)) {
                    config.set("responseSchema", GeminiSchemas.toGemini(
                            Params.requireObject(schema, "response_format.json_schema.schema"),
                            "response_format.json_schema.schema"));
                }
            }
            default -> throw GatewayException.invalid("response_format.type",
                    "'response_format.type' must be text, json_object or json_schema, was '" + type + "'");
        }
    }

    private static void thinking(JsonNode effort, ObjectNode config) {
        if (Json.absent(effort)) {
            return;
        }
        long budget = switch (Params.requireString(effort, "reasoning_effort")) {
            case "none" -> 0;
            case "minimal" -> MINIMAL_BUDGET;
            case "low" -> LOW_BUDGET;
            case "medium" -> MEDIUM_BUDGET;
            case "high" -> HIGH_BUDGET;
            default -> throw GatewayException.invalid("reasoning_effort",
                    "'reasoning_effort' must be none, minimal, low, medium or high, was " + effort);
        };
        config.putObject("thinkingConfig").put("thinkingBudget", budget);
    }

    /**
     * A Gemini {@code generationConfig} written into an OpenAI request: temperature, topP, the penalties,
     * maxOutputTokens ({@code max_completion_tokens}), stopSequences, candidateCount ({@code n}), seed, the JSON
     * response format and the thinking settings. {@code topK} has no OpenAI counterpart and is dropped; log
     * probabilities and non-text modalities are refused.
     */
    static void toOpenAi(JsonNode config, ObjectNode out) {
        if (Json.absent(config)) {
            return;
        }
        Params.requireObject(config, "generationConfig");
        for (String[] pair : NUMBERS) {
            JsonNode value = config.path(pair[1]);
            if (!Json.absent(value)) {
                out.put(pair[0], Params.number(value, "generationConfig." + pair[1]));
            }
        }
        copyPositive(config, "maxOutputTokens", out, "max_completion_tokens");
        copyPositive(config, "candidateCount", out, "n");
        if (config.path("seed").isIntegralNumber()) {
            out.put("seed", config.path("seed").asLong());
        }
        ArrayNode stops = Params.optionalArray(config.path("stopSequences"), "generationConfig.stopSequences");
        if (!stops.isEmpty()) {
            out.set("stop", stops.deepCopy());
        }
        if (config.path("responseLogprobs").asBoolean(false)) {
            throw GatewayException.invalid("generationConfig.responseLogprobs",
                    "'generationConfig.responseLogprobs' is not supported through this gateway");
        }
        for (JsonNode modality : config.path("responseModalities")) {
            if (!"TEXT".equals(modality.asText())) {
                throw GatewayException.invalid("generationConfig.responseModalities", "only TEXT responses are "
                        + "supported through this gateway, not " + modality.asText());
            }
        }
        if ("application/json".equals(config.path("responseMimeType").asText())) {
            JsonNode schema = config.path("responseJsonSchema").isObject()
                    ? config.path("responseJsonSchema").deepCopy() : config.path("responseSchema").isObject()
                    ? GeminiSchemas.toJsonSchema(config.path("responseSchema")) : Json.missing();
            ObjectNode format = out.putObject("response_format");
            if (schema.isMissingNode()) {
                format.put("type", "json_object");
            } else {
                format.put("type", "json_schema").putObject("json_schema").put("name", "response")
                        .set("schema", schema);
            }
        }
        effort(config.path("thinkingConfig"), out);
    }

    private static void copyPositive(JsonNode config, String field, ObjectNode out, String to) {
        if (!Json.absent(config.path(field))) {
            out.put(to, Params.positive(config.path(field), "generationConfig." + field));
        }
    }

    private static void effort(JsonNode thinking, ObjectNode out) {
        if (thinking.path("thinkingLevel").isTextual()) {
            out.put("reasoning_effort", thinking.path("thinkingLevel").textValue().toLowerCase(Locale.ROOT));
            return;
        }
        JsonNode budget = thinking.path("thinkingBudget");
        if (!budget.isIntegralNumber() || budget.asLong() < 0) {
            return;
        }
        long tokens = budget.asLong();
        out.put("reasoning_effort", tokens == 0 ? "none" : tokens <= LOW_BUDGET ? "low"
                : tokens <= MEDIUM_BUDGET ? "medium" : "high");
    }
}
