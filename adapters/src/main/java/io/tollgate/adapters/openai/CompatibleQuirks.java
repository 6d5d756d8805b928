package io.tollgate.adapters.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Json;
import io.tollgate.config.ProviderType;
import java.nio.charset.StandardCharsets;

/**
 * Rewrites an OpenAI-format body for the OpenAI-compatible servers that refuse parts of it: servers without
 * {@code stream_options} lose it (they report usage in their last chunk unasked), and servers that read the output
 * cap from {@code max_tokens} get {@code max_completion_tokens} under that name. A body that needs nothing is
 * returned as it is, without being parsed (the bytes are searched for the two names first).
 */
final class CompatibleQuirks {

    private static final byte[] STREAM_OPTIONS = "\"stream_options\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] MAX_COMPLETION_TOKENS = "\"max_completion_tokens\"".getBytes(StandardCharsets.UTF_8);

    private CompatibleQuirks() {
    }

    /** The body as {@code type}'s server accepts it. */
    static byte[] apply(ProviderType type, byte[] body) {
        boolean dropOptions = !type.streamOptions() && contains(body, STREAM_OPTIONS);
        boolean renameCap = type.maxTokensField().equals("max_tokens") && contains(body, MAX_COMPLETION_TOKENS);
        if (!dropOptions && !renameCap) {
            return body;
        }
        ObjectNode request = Json.parseObject(body);
        if (dropOptions) {
            request.remove("stream_options");
        }
        if (renameCap) {
            JsonNode cap = request.remove("max_completion_tokens");
            if (!request.has("max_tokens")) {
                request.set("max_tokens", cap);
            }
        }
        return Json.bytes(request);
    }

    private static boolean contains(byte[] body, byte[] needle) {
        outer:
        for (int i = 0; i <= body.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (body[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
