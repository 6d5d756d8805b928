package io.tollgate.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Operation;

/**
 * The shape checks a request must pass before it costs anything: required fields present and of the right type,
 * answered with 400 naming the field. Deeper checks are the upstream's; unknown fields pass through.
 */
public final class RequestChecks {

    /**
     * The most output tokens a request may ask for, per choice: the APIs' own 32-bit limit, far beyond any model.
     * Within it the worst-case cost a budget reserves fits in nano-dollars.
     */
    static final long MAX_OUTPUT_TOKENS = Integer.MAX_VALUE;
    /** The most choices ({@code n}) a request may ask for, as OpenAI allows. */
    static final int MAX_CHOICES = 128;

    private RequestChecks() {
    }

    /**
     * Checks a parsed request body of this route (stateless, thread-safe).
     *
     * @throws GatewayException {@code invalid_request} (400) naming the first field that fails
     */
    public static void check(Dialect dialect, Operation operation, ObjectNode body) {
        optional(body, "stream", JsonNode::isBoolean, "a boolean");
        switch (operation) {
            case CHAT -> {
                JsonNode messages = required(body, "messages");
                if (!messages.isArray()) {
                    throw GatewayException.invalid("messages", "'messages' must be an array, was "
                            + messages.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ".");
                }
                if (messages.isEmpty()) {
                    throw GatewayException.invalid("messages", "'messages' must contain at least one message.");
                }
                for (int i = 0; i < messages.size(); i++) {
                    JsonNode message = messages.get(i);
                    if (!message.isObject() || !message.path("role").isTextual()) {
                        throw GatewayException.invalid("messages[" + i + "]",
                                "messages[" + i + "] must be an object with a string 'role'.");
                    }
                }
                if (dialect == Dialect.ANTHROPIC) {
                    JsonNode max = required(body, "max_tokens");
                    if (!max.canConvertToLong() || !max.isIntegralNumber() || max.asLong() < 1
                            || max.asLong() > MAX_OUTPUT_TOKENS) {
                        throw GatewayException.invalid("max_tokens", "'max_tokens' must be a positive integer up to "
                                + MAX_OUTPUT_TOKENS + ".");
                    }
                } else {
                    optional(body, "max_tokens", RequestChecks::outputTokens,
                            "an integer from 0 to " + MAX_OUTPUT_TOKENS);
                    optional(body, "max_completion_tokens", RequestChecks::outputTokens,
                            "an integer from 0 to " + MAX_OUTPUT_TOKENS);
                    optional(body, "n", n -> n.isIntegralNumber() && n.canConvertToInt() && n.asInt() >= 1
                            && n.asInt() <= MAX_CHOICES, "an integer from 1 to " + MAX_CHOICES);
                }
                optional(body, "temperature", JsonNode::isNumber, "a number");
                optional(body, "top_p", JsonNode::isNumber, "a number");
                optional(body, "tools", JsonNode::isArray, "an array");
            }
            case COMPLETIONS -> {
                JsonNode prompt = required(body, "prompt");
                if (!prompt.isTextual() && !prompt.isArray()) {
                    throw GatewayException.invalid("prompt", "'prompt' must be a string or an array.");
                }
            }
            case COUNT_TOKENS -> {
                required(body, "model");
                if (dialect == Dialect.ANTHROPIC && !body.path("messages").isArray()) {
                    throw GatewayException.invalid("messages", "'messages' must be an array.");
                }
            }
            case IMAGES -> {
                required(body, "model");
                if (!required(body, "prompt").isTextual()) {
                    throw GatewayException.invalid("prompt", "'prompt' must be a string.");
                }
                optional(body, "n", n -> n.isIntegralNumber() && n.asInt() >= 1 && n.asInt() <= 10,
                        "an integer from 1 to 10");
                optional(body, "size", JsonNode::isTextual, "a string");
                optional(body, "quality", JsonNode::isTextual, "a string");
            }
            case BATCH, RESOURCE -> {
                // checked by their edge and by BatchStage, which knows the stored files and batches
            }
            case SPEECH -> {
                required(body, "model");
                required(body, "voice");
                if (!required(body, "input").isTextual()) {
                    throw GatewayException.invalid("input", "'input' must be a string.");
                }
                optional(body, "stream_format", v -> v.asText().equals("audio"), "\"audio\" (the gateway relays "
                        + "whole audio answers)");
            }
            case MODERATIONS -> {
                required(body, "model");
                JsonNode input = required(body, "input");
                if (!input.isTextual() && !input.isArray()) {
                    throw GatewayException.invalid("input", "'input' must be a string or an array.");
                }
            }
            case EMBEDDINGS -> {
                JsonNode input = required(body, "input");
                if (!input.isTextual() && !input.isArray()) {
                    throw GatewayException.invalid("input", "'input' must be a string or an array.");
                }
            }
            case RESPONSES -> {
                required(body, "model");
                JsonNode input = required(body, "input");
                if (!input.isTextual() && !input.isArray()) {
                    throw GatewayException.invalid("input", "'input' must be a string or an array of items.");
                }
                optional(body, "instructions", JsonNode::isTextual, "a string");
                optional(body, "max_output_tokens", n -> outputTokens(n) && n.asLong() >= 1,
                        "an integer from 1 to " + MAX_OUTPUT_TOKENS);
                optional(body, "tools", JsonNode::isArray, "an array");
                optional(body, "temperature", JsonNode::isNumber, "a number");
            }
        }
    }

    private static boolean outputTokens(JsonNode value) {
        return value.isIntegralNumber() && value.canConvertToLong() && value.asLong() >= 0
                && value.asLong() <= MAX_OUTPUT_TOKENS;
    }

    private static JsonNode required(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw GatewayException.invalid(field, "Missing required parameter: '" + field + "'.");
        }
        return value;
    }

    private static void optional(ObjectNode body, String field, java.util.function.Predicate<JsonNode> valid,
                                 String what) {
        JsonNode value = body.get(field);
        if (value != null && !value.isNull() && !valid.test(value)) {
            throw GatewayException.invalid(field, "'" + field + "' must be " + what + ", was " + value + ".");
        }
    }
}
