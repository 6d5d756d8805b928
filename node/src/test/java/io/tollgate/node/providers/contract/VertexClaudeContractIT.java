package io.tollgate.node.providers.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.node.testing.FakeUpstream.Recorded;
import io.tollgate.node.testing.GoogleServiceAccount;

/**
 * Claude on Vertex AI ({@code publishers/anthropic/models/...:rawPredict} / {@code :streamRawPredict}): Anthropic's
 * Messages JSON without {@code model} and with {@code anthropic_version: vertex-2023-10-16}, so the Anthropic
 * contract's answers serve it, with a bearer token minted from a service account.
 */
class VertexClaudeContractIT extends AnthropicContractIT {

    private final GoogleServiceAccount account = GoogleServiceAccount.create("claude@contract-ai.iam.gserviceaccount.com",
            "claude", 3600);

    @Override
    protected String providerFields(String upstreamUrl) {
        return VertexKeys.providerFields(upstream, account);
    }

    @Override
    protected String path(boolean stream) {
        return VertexKeys.path("anthropic", model(), stream ? "streamRawPredict" : "rawPredict");
    }

    @Override
    protected void assertChatRequest(Recorded sent, JsonNode body) {
        assertThat(sent.headers().get("authorization")).startsWith("Bearer ya29.claude-");
        assertThat(sent.headers()).doesNotContainKey("x-api-key").doesNotContainKey("anthropic-version");
        assertThat(body.has("model")).as("the model is in the URL").isFalse();
        assertThat(body.path("anthropic_version").asText()).isEqualTo("vertex-2023-10-16");
        assertThat(body.path("max_tokens").asLong()).isPositive();
        JsonNode content = body.at("/messages/0/content");
        assertThat(content.isTextual() ? content.asText() : content.at("/0/text").asText()).isEqualTo("Hi");
    }
}
