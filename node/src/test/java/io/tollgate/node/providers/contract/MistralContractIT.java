package io.tollgate.node.providers.contract;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.config.ProviderType;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.SseText;
import java.util.List;

/**
 * Mistral La Plateforme through the {@code mistral} preset. Its documented {@code UsageInfo} has only
 * {@code prompt_tokens}, {@code completion_tokens} and {@code total_tokens} (no cached or reasoning counts), so the
 * golden answer prices plain input and output; a stream carries the usage in its last content chunk, unasked (Mistral
 * refuses {@code stream_options}). Errors are Mistral's flat {@code {"object":"error","message",...}}.
 */
class MistralContractIT extends OpenAiFamilyContract {

    @Override
    protected ProviderType type() {
        return ProviderType.MISTRAL;
    }

    @Override
    protected String basePath() {
        return "/mistral/v1";
    }

    @Override
    protected String secret() {
        return "ms-contract-key-0000000001";
    }

    @Override
    protected String model() {
        return "mistral-medium-latest";
    }

    @Override
    protected ObjectNode goldenUsage() {
        return (ObjectNode) SseText.parse("{\"prompt_tokens\":1207,\"completion_tokens\":333,\"total_tokens\":1540}");
    }

    @Override
    protected Golden.Tokens golden(boolean stream) {
        return new Golden.Tokens(1207, 0, 0, 0, 333, 0);
    }

    /** Mistral: no usage-only chunk; the usage rides on the chunk with the finish reason. */
    @Override
    protected void placeStreamUsage(List<ObjectNode> chunks, ObjectNode usage) {
        chunks.removeLast();
        chunks.getLast().set("usage", usage);
    }

    @Override
    protected Reply error(int status) {
        return status == 429
                ? Reply.json(429, "{\"object\":\"error\",\"message\":\"Requests rate limit exceeded\","
                        + "\"type\":\"rate_limited\",\"param\":null,\"code\":\"1300\"}")
                : Reply.json(400, "{\"object\":\"error\",\"message\":\"Invalid model: mistral-medium-latest\","
                        + "\"type\":\"invalid_model\",\"param\":null,\"code\":\"1500\"}");
    }

    @Override
    protected String errorText(int status) {
        return status == 429 ? "Requests rate limit exceeded" : "Invalid model";
    }
}
