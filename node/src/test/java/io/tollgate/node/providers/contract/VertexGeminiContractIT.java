package io.tollgate.node.providers.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.node.testing.FakeUpstream.Recorded;
import io.tollgate.node.testing.GoogleServiceAccount;

/**
 * Gemini on Vertex AI ({@code publishers/google/models/...:generateContent}): the same Gemini JSON as AI Studio,
 * so the Gemini contract's answers serve it, with a bearer token minted from a service account instead of an API
 * key.
 */
class VertexGeminiContractIT extends GeminiContractIT {

    private final GoogleServiceAccount account = GoogleServiceAccount.create("gemini@contract-ai.iam.gserviceaccount.com",
            "gemini", 3600);

    @Override
    protected String providerFields(String upstreamUrl) {
        return VertexKeys.providerFields(upstream, account);
    }

    @Override
    protected String path(boolean stream) {
        return VertexKeys.path("google", model(), stream ? "streamGenerateContent" : "generateContent");
    }

    @Override
    protected void assertChatRequest(Recorded sent, JsonNode body) {
        assertThat(sent.headers().get("authorization")).startsWith("Bearer ya29.gemini-");
        assertThat(sent.headers()).doesNotContainKey("x-goog-api-key");
        assertThat(body.at("/contents/0/parts/0/text").asText()).isEqualTo("Hi");
        assertThat(account.minted()).as("one token for every request so far").isEqualTo(1);
    }
}
