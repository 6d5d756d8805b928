package io.tollgate.node.providers.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.node.testing.FakeUpstream.Recorded;

/**
 * Azure OpenAI ({@code type: openai} with {@code api_version}): the deployment in the URL, the key in
 * {@code api-key}, the version as {@code api-version}; bodies and answers are OpenAI's.
 */
class AzureOpenAiContractIT extends OpenAiContractIT {

    private static final String VERSION = "2024-10-21";

    @Override
    protected String basePath() {
        return "/azure/openai/deployments/" + model();
    }

    @Override
    protected String providerFields(String upstreamUrl) {
        return "type: openai, base_url: \"%s/azure/openai/deployments/{model}\", api_version: \"%s\", keys: [ { name: k1, value: %s } ]"
                .formatted(upstreamUrl, VERSION, secret());
    }

    @Override
    protected String secret() {
        return "azure-contract-key-000000001";
    }

    @Override
    protected String model() {
        return "gpt-4o-prod";
    }

    @Override
    protected void assertChatRequest(Recorded sent, JsonNode body) {
        assertThat(sent.headers().get("api-key")).isEqualTo(secret());
        assertThat(sent.headers()).doesNotContainKey("authorization");
        assertThat(sent.query()).isEqualTo("api-version=" + VERSION);
        assertThat(body.at("/messages/0/content").asText()).isEqualTo("Hi");
    }
}
