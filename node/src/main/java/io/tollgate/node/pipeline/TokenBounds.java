package io.tollgate.node.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.adapters.Operation;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * Safe upper bounds of a request's tokens, for reservations that must never be too small. Input: every UTF-8
 * byte of the request's text counts as a token (tokenizers never make a token of less than one byte), plus a
 * fixed overhead per message (a Responses input item counts as one), and a flat allowance per image. Output:
 * {@code max_output_tokens} (Responses) / {@code max_completion_tokens} / {@code max_tokens} times {@code n}.
 * Over-estimates are settled to the real usage afterwards.
 */
final class TokenBounds {

    /** Per message: role markers and separators. */
    static final long MESSAGE_OVERHEAD = 8;
    /** Per request: priming and end markers. */
    static final long REQUEST_OVERHEAD = 16;
    /** Per image part: above the largest image cost OpenAI and Anthropic document (about 1,600 tokens). */
    static final long IMAGE_TOKENS = 2_000;

    private TokenBounds() {
    }

    /** An upper bound of the input tokens. */
    static long input(Operation operation, JsonNode body) {
        long tokens = REQUEST_OVERHEAD;
        switch (operation) {
            case CHAT -> {
                tokens += text(body.path("system"));
                for (JsonNode message : body.path("messages")) {
                    tokens += MESSAGE_OVERHEAD + text(message);
                }
                tokens += text(body.path("tools")) + text(body.path("response_format"));
            }
            case COMPLETIONS -> tokens += text(body.path("prompt"));
            case EMBEDDINGS -> tokens += text(body.path("input"));
            case RESPONSES -> {
                tokens += text(body.path("instructions")) + text(body.path("tools")) + text(body.path("text"));
                JsonNode input = body.path("input");
                if (input.isArray()) {
                    for (JsonNode item : input) {
                        tokens += MESSAGE_OVERHEAD + text(item);
                    }
                } else {
                    tokens += MESSAGE_OVERHEAD + text(input);
                }
            }
            case SPEECH -> {
                return characters(body);   // exact: speech is priced per character of input
            }
            case COUNT_TOKENS, MODERATIONS, IMAGES, BATCH, RESOURCE -> {
                return 0;   // nothing is generated or billed: token windows do not count these
            }
        }
        return tokens;
    }

    /** The output the request asks for at most ({@code max_tokens} times {@code n}), if it says. */
    static OptionalLong requestedOutput(JsonNode body) {
        JsonNode max = body.get("max_output_tokens");
        if (max == null || !max.canConvertToLong()) {
            max = body.get("max_completion_tokens");
        }
        if (max == null || !max.canConvertToLong()) {
            max = body.get("max_tokens");
        }
        if (max == null || !max.canConvertToLong()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.multiplyExact(Math.max(0, max.asLong()), choices(body)));
    }

    /** How many completions the request asks for ({@code n}, at least 1). */
    static long choices(JsonNode body) {
        return Math.max(1, body.path("n").asLong(1));
    }

    /** The characters (code points) of a speech request's {@code input}. */
    static long characters(JsonNode body) {
        String input = body.path("input").asText("");
        return input.codePointCount(0, input.length());
    }

    /** Bytes of every string inside a node (images at their flat allowance), for estimates. */
    static long textBytes(JsonNode node) {
        return text(node);
    }

    /** Bytes of every string inside a node, plus images at their flat allowance. */
    private static long text(JsonNode node) {
        if (node.isTextual()) {
            return node.asText().getBytes(StandardCharsets.UTF_8).length;
        }
        if (node.isNumber() || node.isBoolean()) {
            return 8;
        }
        long total = 0;
        if (node.isObject()) {
            String type = node.path("type").asText("");
            if (type.equals("image_url") || type.equals("image") || type.equals("input_image")) {
                return IMAGE_TOKENS;
            }
            var fields = node.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                total += field.getKey().length() + text(field.getValue());
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                total += text(item);
            }
        }
        return total;
    }
}
