package io.tollgate.node.http;

import static io.tollgate.node.testing.NodeHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageTokensCount;
import io.tollgate.adapters.Json;
import io.tollgate.node.testing.FakeUpstream;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.Fixtures;
import io.tollgate.node.testing.NodeHarness;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Token counting through the gateway: the Anthropic SDK's {@code messages().countTokens} reaches an Anthropic-type
 * provider's {@code /v1/messages/count_tokens} with the provider's key; OpenAI's {@code /v1/responses/input_tokens}
 * reaches an OpenAI-type provider; other targets get the gateway's estimate. Every count is authenticated by the
 * virtual key, counted in request windows, logged, and costs exactly zero. Moderations likewise: governed, passed to
 * the OpenAI-type provider, free.
 */
@Timeout(60)
class UnbilledRoutesIT {

    private static final String KEY = "tg-counter-0000000000001";
    private static final String SPENT = "tg-spent-000000000000001";
    private static final String ONCE = "tg-once-0000000000000001";
    private static final String MESSAGES = "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"%s\"}]}";

    private static final String MODERATION = "{\"id\":\"modr-1\",\"model\":\"omni-moderation-latest\","
            + "\"results\":[{\"flagged\":false,\"categories\":{},\"category_scores\":{}}]}";

    private static FakeUpstream upstream;
    private static NodeHarness node;
    private static AnthropicClient anthropic;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
        upstream.on("/v1/messages/count_tokens", Reply.json(200, "{\"input_tokens\":42}"));
        upstream.on("/v1/moderations", Reply.json(200, MODERATION));
        upstream.on("/v1/responses/input_tokens",
                Reply.json(200, "{\"object\":\"response.input_tokens\",\"input_tokens\":7}"));
        String config = Fixtures.config(upstream, Fixtures.closedPort()).replace("""
                  enforce: false
                  virtual_keys: [ { name: sdk, value: %s } ]
                """.formatted(Fixtures.SDK_KEY), """
                  enforce: true
                  virtual_keys:
                    - { name: counter, value: %s, budgets: [ { max_limit: 1, reset_duration: 1d } ] }
                    - { name: spent, value: %s, budgets: [ { max_limit: 0, reset_duration: 1d } ] }
                    - name: once
                      value: %s
                      rate_limit: { request_max_limit: 1, request_reset_duration: 1h }
                """.formatted(KEY, SPENT, ONCE));
        assertThat(config).contains("enforce: true");
        node = NodeHarness.start(config);
        anthropic = AnthropicOkHttpClient.builder().baseUrl(node.url() + "/anthropic").apiKey(KEY).build();
    }

    @AfterAll
    static void stop() {
        anthropic.close();
        node.close();
        upstream.close();
    }

    private int seen;

    @BeforeEach
    void rememberUpstreamCalls() {
        seen = upstream.requests().size();
    }

    @Test
    void shouldCountTokensWithTheAnthropicSdkThroughAnAnthropicProvider() {
        MessageTokensCount count = anthropic.messages().countTokens(MessageCountTokensParams.builder()
                .model("claude/claude-test").addUserMessage("How many tokens is this?").build());
        assertThat(count.inputTokens()).isEqualTo(42);
        FakeUpstream.Recorded sent = upstream.last();
        assertThat(sent.path()).isEqualTo("/v1/messages/count_tokens");
        assertThat(sent.headers().get("x-api-key")).isEqualTo(Fixtures.ANTHROPIC_SECRET);
        assertThat(Json.parseObject(sent.body().getBytes()).path("model").asText()).isEqualTo("claude-test");
        assertThat(Json.parseObject(sent.body().getBytes()).has("max_tokens")).isFalse();
    }

    @Test
    void shouldRefuseTheAnthropicSdkWithoutAVirtualKey() {
        AnthropicClient stranger = AnthropicOkHttpClient.builder().baseUrl(node.url() + "/anthropic")
                .apiKey("sk-ant-not-a-virtual-key").maxRetries(0).build();
        try {
            assertThatThrownBy(() -> stranger.messages().countTokens(MessageCountTokensParams.builder()
                    .model("claude/claude-test").addUserMessage("hi").build()))
                    .isInstanceOf(UnauthorizedException.class);
        } finally {
            stranger.close();
        }
        assertThat(upstream.requestsSince(seen)).isEmpty();
    }

    @Test
    void shouldLogAProviderCountAtZeroCost() {
        HttpResponse<String> response = node.post("/anthropic/v1/messages/count_tokens",
                MESSAGES.formatted("claude/claude-test", "hello"), "x-api-key", KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-tollgate-token-count")).hasValue("provider");
        assertThat(response.headers().firstValue("x-tollgate-cost-usd")).hasValue("0");
        assertThat(node.loggedCost(response.headers())).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void shouldPassTheOpenAiCountToAnOpenAiProvider() {
        HttpResponse<String> response = node.post("/v1/responses/input_tokens",
                "{\"model\":\"fake/gpt-test\",\"input\":\"Tell me a joke\"}", "authorization", "Bearer " + KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).path("input_tokens").asLong()).isEqualTo(7);
        assertThat(response.headers().firstValue("x-tollgate-token-count")).hasValue("provider");
        assertThat(upstream.last().path()).isEqualTo("/v1/responses/input_tokens");
        assertThat(upstream.last().headers().get("authorization")).isEqualTo("Bearer " + Fixtures.OPENAI_SECRET);
        assertThat(node.loggedCost(response.headers())).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void shouldEstimateLocallyForProvidersThatCannotCountInTheClientsFormat() {
        HttpResponse<String> anthropicToOpenAi = node.post("/anthropic/v1/messages/count_tokens",
                MESSAGES.formatted("fake/gpt-test", "abcdefgh"), "x-api-key", KEY);
        assertThat(anthropicToOpenAi.statusCode()).as(anthropicToOpenAi.body()).isEqualTo(200);
        assertThat(anthropicToOpenAi.headers().firstValue("x-tollgate-token-count")).hasValue("estimate");
        // "role"+"user"+"content"+"abcdefgh" = 4+4+7+8 = 23 bytes → 6 tokens at 4 bytes each
        assertThat(json(anthropicToOpenAi).path("input_tokens").asLong()).isEqualTo(6);
        HttpResponse<String> mock = node.post("/v1/responses/input_tokens",
                "{\"model\":\"mock/echo\",\"input\":\"abcdefgh\",\"instructions\":\"be\"}", "x-api-key", KEY);
        assertThat(mock.statusCode()).as(mock.body()).isEqualTo(200);
        assertThat(json(mock).path("object").asText()).isEqualTo("response.input_tokens");
        assertThat(json(mock).path("input_tokens").asLong()).isEqualTo(3);
        assertThat(node.loggedCost(mock.headers())).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(upstream.requestsSince(seen)).isEmpty();
    }

    @Test
    void shouldCountEvenWhenTheBudgetIsSpentBecauseACountCostsNothing() {
        HttpResponse<String> response = node.post("/anthropic/v1/messages/count_tokens",
                MESSAGES.formatted("mock/echo", "hi"), "x-api-key", SPENT);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        HttpResponse<String> chat = node.post("/anthropic/v1/messages",
                "{\"model\":\"mock/echo\",\"max_tokens\":4,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "x-api-key", SPENT);
        assertThat(chat.statusCode()).as("a completion on the same key").isEqualTo(402);
    }

    @Test
    void shouldCountACountAsARequestInRateLimits() {
        String body = MESSAGES.formatted("mock/echo", "hi");
        assertThat(node.post("/anthropic/v1/messages/count_tokens", body, "x-api-key", ONCE).statusCode())
                .isEqualTo(200);
        HttpResponse<String> second = node.post("/anthropic/v1/messages/count_tokens", body, "x-api-key", ONCE);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(429);
        assertThat(json(second).at("/error/type").asText()).isEqualTo("rate_limit_error");
    }

    @Test
    void shouldPassModerationsToTheOpenAiProviderGovernedAndFree() {
        String body = "{\"model\":\"fake/omni-moderation-latest\",\"input\":\"a kind word\"}";
        HttpResponse<String> anonymous = node.post("/v1/moderations", body);
        assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
        assertThat(upstream.requestsSince(seen)).isEmpty();
        HttpResponse<String> response = node.post("/openai/v1/moderations", body, "authorization", "Bearer " + SPENT);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).at("/results/0/flagged").asBoolean(true)).isFalse();
        assertThat(response.headers().firstValue("x-tollgate-cost-usd")).hasValue("0");
        assertThat(node.loggedCost(response.headers())).isEqualByComparingTo(BigDecimal.ZERO);
        FakeUpstream.Recorded sent = upstream.last();
        assertThat(sent.path()).isEqualTo("/v1/moderations");
        assertThat(sent.headers().get("authorization")).isEqualTo("Bearer " + Fixtures.OPENAI_SECRET);
        assertThat(Json.parseObject(sent.body().getBytes()).path("model").asText())
                .isEqualTo("omni-moderation-latest");
        HttpResponse<String> toAnthropic = node.post("/v1/moderations",
                "{\"model\":\"claude/claude-test\",\"input\":\"x\"}", "x-api-key", KEY);
        assertThat(toAnthropic.statusCode()).as(toAnthropic.body()).isEqualTo(400);
        assertThat(upstream.requestsSince(seen)).hasSize(1);
    }
}
