package io.tollgate.node.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.adapters.bedrock.EventStreams;
import io.tollgate.node.testing.NodeClient;
import io.tollgate.node.testing.NodeHarness;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The native Bedrock routes {@code /bedrock/model/{modelId}/converse} and {@code /converse-stream}: a Converse
 * client — the AWS SDK's own {@code BedrockRuntimeClient} among them, with the virtual key as its Bedrock API key —
 * reaches any provider through the OpenAI hub, gets Converse answers and Bedrock's binary event stream, and is
 * governed like every route (refusals as {@code {"message"}} with {@code x-amzn-ErrorType}).
 */
class NativeBedrockIT {

    private static final String KEY = "tg-native-bedrock-key-0000001";
    private static final String CONVERSE = """
            {"messages":[{"role":"user","content":[{"text":"ping"}]}],"inferenceConfig":{"maxTokens":50}}""";
    private static NodeHarness node;

    @BeforeAll
    static void start() {
        node = NodeHarness.start("""
                server: { port: 0 }
                providers:
                  mock: { type: mock }
                pricing:
                  mock/echo: { input: 1000, output: 1000 }
                governance:
                  enforce: true
                  virtual_keys: [ { name: app, value: %s } ]
                logging: { enabled: true }
                """.formatted(KEY));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void shouldAnswerAConverseClientFromAnyProvider() {
        HttpResponse<String> response = node.post("/bedrock/model/mock%2Fecho/converse", CONVERSE,
                "authorization", "Bearer " + KEY);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = NodeClient.parse(response.body());
        assertThat(body.at("/output/message/role").asText()).isEqualTo("assistant");
        assertThat(body.at("/output/message/content/0/text").asText()).contains("ping");
        assertThat(body.path("stopReason").asText()).isEqualTo("end_turn");
        assertThat(body.at("/usage/inputTokens").asInt()).isPositive();
        assertThat(body.at("/usage/outputTokens").asInt()).isPositive();
    }

    @Test
    void shouldStreamBedrocksEventStreamToAConverseClient() throws IOException {
        HttpResponse<InputStream> response = node.postStreaming("/bedrock/model/mock%2Fecho/converse-stream",
                CONVERSE, "authorization", "Bearer " + KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue(EventStreams.CONTENT_TYPE);
        String events = new String(EventStreams.sse(response.body()).readAllBytes(), StandardCharsets.UTF_8);
        assertThat(events).contains("event: messageStart", "event: contentBlockDelta", "event: messageStop",
                "event: metadata", "\"usage\"");
    }

    @Test
    void shouldServeTheAwsSdksBedrockRuntimeClientWithTheVirtualKeyAsBedrockApiKey() {
        try (var client = software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient.builder()
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .endpointOverride(java.net.URI.create(node.url() + "/bedrock"))
                .tokenProvider((software.amazon.awssdk.auth.token.credentials.SdkTokenProvider) () -> new BearerKey())
                .authSchemeProvider(software.amazon.awssdk.services.bedrockruntime.auth.scheme
                        .BedrockRuntimeAuthSchemeProvider.defaultProvider(java.util.List.of("httpBearerAuth")))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .build()) {
            var answer = client.converse(request -> request.modelId("mock/echo").messages(message -> message
                    .role(software.amazon.awssdk.services.bedrockruntime.model.ConversationRole.USER)
                    .content(software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromText("ping")))
                    .inferenceConfig(config -> config.maxTokens(50)));

            assertThat(answer.output().message().content().get(0).text()).contains("ping");
            assertThat(answer.stopReasonAsString()).isEqualTo("end_turn");
            assertThat(answer.usage().inputTokens()).isPositive();
            assertThat(answer.usage().outputTokens()).isPositive();
        }
    }

    /** The virtual key as the Bedrock API key the SDK sends as bearer token. */
    private static final class BearerKey implements software.amazon.awssdk.auth.token.credentials.SdkToken {
        @Override
        public String token() {
            return KEY;
        }

        @Override
        public java.util.Optional<java.time.Instant> expirationTime() {
            return java.util.Optional.empty();
        }
    }

    @Test
    void shouldRefuseInBedrocksErrorShape() {
        HttpResponse<String> anonymous = node.post("/bedrock/model/mock%2Fecho/converse", CONVERSE);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("x-amzn-errortype")).isPresent();
        assertThat(NodeClient.parse(anonymous.body()).path("message").asText()).isNotBlank();
    }
}
