package io.tollgate.node.providers.contract;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.config.ProviderType;
import java.util.List;

/**
 * Groq's OpenAI-compatible API through the {@code groq} preset. Its usage reports prompt-cache hits in
 * {@code prompt_tokens_details.cached_tokens} and a reasoning model's thinking in
 * {@code completion_tokens_details.reasoning_tokens}, as OpenAI does (Groq docs, "Prompt Caching" and "Reasoning");
 * its streams carry the usage in the last chunk's {@code x_groq.usage}.
 */
class GroqContractIT extends OpenAiFamilyContract {

    @Override
    protected ProviderType type() {
        return ProviderType.GROQ;
    }

    @Override
    protected String basePath() {
        return "/groq/openai/v1";
    }

    @Override
    protected String secret() {
        return "gsk-contract-key-000000001";
    }

    @Override
    protected String model() {
        return "openai/gpt-oss-120b";
    }

    @Override
    protected ObjectNode goldenUsage() {
        return openAiUsage(3011, 2561, 480, 215);
    }

    @Override
    protected Golden.Tokens golden(boolean stream) {
        return new Golden.Tokens(3011 - 2561, 2561, 0, 0, 480 - 215, 215);
    }

    /** Groq: the usage in {@code x_groq} of the chunk with the finish reason. */
    @Override
    protected void placeStreamUsage(List<ObjectNode> chunks, ObjectNode usage) {
        chunks.removeLast();
        chunks.getLast().putObject("x_groq").put("id", "req_01jbd6g2qdfw2adyrt2az8hz4w").set("usage", usage);
    }
}
