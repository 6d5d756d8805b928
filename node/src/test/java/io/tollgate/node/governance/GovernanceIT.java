package io.tollgate.node.governance;

import static io.tollgate.node.testing.NodeHarness.json;
import static io.tollgate.node.testing.SseText.dataLines;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.node.testing.FakeUpstream;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.Fixtures;
import io.tollgate.node.testing.MutableClock;
import io.tollgate.node.testing.NodeHarness;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Virtual keys, budgets and rate limits through the OpenAI and Anthropic routes. Mock prices make one token cost
 * $0.001, so a short chat ("hi", max_tokens 4) costs $0.012 and reserves at most $0.045.
 */
@Timeout(120)
class GovernanceIT {

    static final String CHAT = "{\"model\":\"mock/echo\",\"max_tokens\":4,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    static final String ANTHROPIC_CHAT =
            "{\"model\":\"mock/echo\",\"max_tokens\":4,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private static final MutableClock CLOCK = MutableClock.at(Instant.parse("2026-11-29T10:00:00Z"));
    private static FakeUpstream upstream;
    private static NodeHarness node;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
        upstream.on("/v1/chat/completions", Reply.json(200, Fixtures.OPENAI_COMPLETION));
        node = NodeHarness.start("""
                server: { port: 0 }
                admin: { token: admin-secret-token-123 }
                providers:
                  mock: { type: mock }
                  fake:
                    type: openai
                    base_url: %s/v1
                    keys: [ { name: k1, value: sk-a-0000000000000000 }, { name: k2, value: sk-b-0000000000000000 } ]
                pricing:
                  mock/echo: { input: 1000, output: 1000 }
                  mock/other: { input: 1000, output: 1000 }
                  fake/gpt-test: { input: 1, output: 2 }
                governance:
                  customers:
                    - { name: acme, budgets: [ { max_limit: 0.05, reset_duration: 1d } ] }
                  teams:
                    - { name: shared, budgets: [ { max_limit: 0.05, reset_duration: 1d } ] }
                    - { name: search, customer: acme }
                    - { name: ads, customer: acme }
                  virtual_keys:
                    - { name: open, value: tg-open-0000000000000001 }
                    - { name: disabled, value: tg-off-00000000000000001, is_active: false }
                    - { name: old, value: tg-old-00000000000000001, expires_at: "2020-01-01T00:00:00Z" }
                    - name: only-mock
                      value: tg-only-mock-000000000001
                      provider_configs: [ { provider: mock, allowed_models: [ "echo" ], blocked_models: [ "regex:.*-big" ] } ]
                    - { name: team-a, value: tg-team-a-00000000000001, team: shared }
                    - { name: team-b, value: tg-team-b-00000000000001, team: shared }
                    - { name: search-key, value: tg-search-0000000000001, team: search }
                    - { name: ads-key, value: tg-ads-00000000000000001, team: ads }
                    - name: limited
                      value: tg-limited-000000000001
                      rate_limit: { request_max_limit: 3, request_reset_duration: 1m }
                    - name: anthropic-limited
                      value: tg-anthropic-limited-0001
                      rate_limit: { request_max_limit: 1, request_reset_duration: 1h }
                    - name: tokens
                      value: tg-tokens-0000000000001
                      rate_limit: { token_max_limit: 50, token_reset_duration: 1h }
                    - name: tiny
                      value: tg-tiny-00000000000000001
                      budgets: [ { max_limit: 0.05, reset_duration: 1d } ]
                    - name: clamp
                      value: tg-clamp-0000000000000001
                      budgets: [ { max_limit: 0.05, reset_duration: 1d, on_low_budget: clamp } ]
                    - name: per-provider
                      value: tg-per-provider-000000001
                      provider_configs:
                        - { provider: mock, budgets: [ { max_limit: 0.05, reset_duration: 1d } ] }
                        - { provider: fake }
                """.formatted(upstream.url()), Map.of(), CLOCK);
    }

    @AfterAll
    static void stop() {
        node.close();
        upstream.close();
    }

    @Test
    void shouldRejectMissingAndUnknownKeysWith401InBothShapes() {
        JsonNode missing = error(node.post("/v1/chat/completions", CHAT), 401);
        assertThat(missing.path("code").asText()).isEqualTo("virtual_key_not_found");
        assertThat(missing.path("type").asText()).isEqualTo("authentication_error");
        JsonNode unknown = error(node.post("/v1/chat/completions", CHAT, "authorization", "Bearer tg-nobody-000000000"), 401);
        assertThat(unknown.path("message").asText()).contains("Unknown virtual key");
        HttpResponse<String> anthropic = node.post("/anthropic/v1/messages", ANTHROPIC_CHAT, "x-api-key", "sk-ant-real");
        assertThat(anthropic.statusCode()).isEqualTo(401);
        assertThat(json(anthropic).at("/error/type").asText()).isEqualTo("authentication_error");
    }

    @Test
    void shouldAcceptTheKeyInEveryHeaderClientsUse() {
        for (String header : new String[] {"x-tollgate-vk", "x-bf-vk", "x-api-key", "api-key"}) {
            assertThat(node.post("/v1/chat/completions", CHAT, header, "tg-open-0000000000000001").statusCode())
                    .as(header).isEqualTo(200);
        }
        assertThat(node.post("/anthropic/v1/messages", ANTHROPIC_CHAT, "x-api-key", "tg-open-0000000000000001")
                .statusCode()).isEqualTo(200);
    }

    @Test
    void shouldBlockDisabledAndExpiredKeysWith403() {
        assertThat(error(post("tg-off-00000000000000001", CHAT), 403).path("code").asText())
                .isEqualTo("virtual_key_blocked");
        assertThat(error(post("tg-old-00000000000000001", CHAT), 403).path("message").asText()).contains("expired");
        HttpResponse<String> anthropic = node.post("/anthropic/v1/messages", ANTHROPIC_CHAT, "x-api-key",
                "tg-off-00000000000000001");
        assertThat(anthropic.statusCode()).isEqualTo(403);
        assertThat(json(anthropic).at("/error/type").asText()).isEqualTo("permission_error");
    }

    @Test
    void shouldBlockProvidersAndModelsTheKeyMayNotUse() {
        assertThat(error(post("tg-only-mock-000000000001", CHAT.replace("mock/echo", "fake/gpt-test")), 403)
                .path("code").asText()).isEqualTo("provider_blocked");
        assertThat(error(post("tg-only-mock-000000000001", CHAT.replace("mock/echo", "mock/other")), 403)
                .path("code").asText()).isEqualTo("model_blocked");
        assertThat(post("tg-only-mock-000000000001", CHAT).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswerPermissionAndRateLimitErrorsInTheAnthropicShape() {
        HttpResponse<String> model = node.post("/anthropic/v1/messages",
                ANTHROPIC_CHAT.replace("mock/echo", "mock/other"), "x-api-key", "tg-only-mock-000000000001");
        assertThat(model.statusCode()).isEqualTo(403);
        assertThat(json(model).at("/error/type").asText()).isEqualTo("permission_error");
        assertThat(json(model).at("/error/message").asText()).contains("may not use model 'mock/other'");
        HttpResponse<String> first = node.post("/anthropic/v1/messages", ANTHROPIC_CHAT, "x-api-key",
                "tg-anthropic-limited-0001");
        assertThat(first.statusCode()).isEqualTo(200);
        HttpResponse<String> limited = node.post("/anthropic/v1/messages", ANTHROPIC_CHAT, "x-api-key",
                "tg-anthropic-limited-0001");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(json(limited).at("/error/type").asText()).isEqualTo("rate_limit_error");
        assertThat(limited.headers().firstValue("retry-after")).isPresent();
    }

    @Test
    void shouldCountRequestsExactlyAndResetTheWindowOnTime() {
        CLOCK.advance(Duration.ofMinutes(5));
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> ok = post("tg-limited-000000000001", CHAT);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("x-ratelimit-remaining-requests")).contains(Integer.toString(2 - i));
        }
        HttpResponse<String> limited = post("tg-limited-000000000001", CHAT);
        JsonNode error = error(limited, 429);
        assertThat(error.path("code").asText()).isEqualTo("request_limited");
        assertThat(error.path("message").asText()).contains("3 requests per 1m");
        assertThat(limited.headers().firstValue("retry-after")).isPresent();
        assertThat(limited.headers().firstValue("x-ratelimit-limit-requests")).contains("3");
        assertThat(limited.headers().firstValue("x-ratelimit-remaining-requests")).contains("0");
        CLOCK.advance(Duration.ofMinutes(1));
        assertThat(post("tg-limited-000000000001", CHAT).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldReserveTokensAgainstTheTokenLimit() {
        // each request reserves its bound (41 input + 4 output tokens) out of 50 per hour; the second finds 12 used + 45 > 50
        assertThat(post("tg-tokens-0000000000001", CHAT).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = post("tg-tokens-0000000000001", CHAT);
        assertThat(error(limited, 429).path("code").asText()).isEqualTo("token_limited");
        assertThat(limited.headers().firstValue("x-ratelimit-limit-tokens")).contains("50");
    }

    @Test
    void shouldRefuseWith402WhenTheBudgetCannotPayTheWorstCase() {
        HttpResponse<String> first = post("tg-tiny-00000000000000001", CHAT);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("x-tollgate-cost-usd")).contains("0.012");
        assertThat(first.headers().firstValue("x-tollgate-budget-remaining-usd")).contains("0.038");
        JsonNode error = error(post("tg-tiny-00000000000000001", CHAT), 402);
        assertThat(error.path("code").asText()).isEqualTo("budget_exceeded");
        assertThat(error.path("message").asText()).contains("virtual key 'tiny'").contains("level virtual_key")
                .contains("$0.012 of $0.05").contains("resets at");
        HttpResponse<String> anthropic = node.post("/anthropic/v1/messages", ANTHROPIC_CHAT, "x-api-key",
                "tg-tiny-00000000000000001");
        assertThat(anthropic.statusCode()).isEqualTo(402);
        assertThat(json(anthropic).at("/error/type").asText()).isEqualTo("billing_error");
    }

    @Test
    void shouldClampMaxTokensToWhatTheBudgetCanPay() {
        HttpResponse<String> clamped = post("tg-clamp-0000000000000001",
                CHAT.replace("\"max_tokens\":4", "\"max_tokens\":100"));
        assertThat(clamped.statusCode()).as(clamped.body()).isEqualTo(200);
        // $0.05 pays the 41-token input bound and 9 output tokens
        assertThat(clamped.headers().firstValue("x-tollgate-max-tokens-clamped")).contains("9");
        assertThat(json(clamped).at("/usage/completion_tokens").asLong()).isLessThanOrEqualTo(9);
    }

    @Test
    void shouldShareATeamBudgetBetweenItsKeys() {
        assertThat(post("tg-team-a-00000000000001", CHAT).statusCode()).isEqualTo(200);
        JsonNode error = error(post("tg-team-b-00000000000001", CHAT), 402);
        assertThat(error.path("message").asText()).contains("team 'shared'");
    }

    @Test
    void shouldCapTeamsWithTheirCustomersBudget() {
        assertThat(post("tg-search-0000000000001", CHAT).statusCode()).isEqualTo(200);
        JsonNode error = error(post("tg-ads-00000000000000001", CHAT), 402);
        assertThat(error.path("message").asText()).contains("customer 'acme'").contains("level customer");
    }

    @Test
    void shouldBlockOnlyTheProviderWhoseConfigBudgetIsSpent() {
        assertThat(post("tg-per-provider-000000001", CHAT).statusCode()).isEqualTo(200);
        JsonNode error = error(post("tg-per-provider-000000001", CHAT), 402);
        assertThat(error.path("message").asText()).contains("provider 'mock' of virtual key 'per-provider'");
        assertThat(post("tg-per-provider-000000001", CHAT.replace("mock/echo", "fake/gpt-test")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void shouldGovernStreamsAndBillThem() {
        HttpResponse<String> stream = post("tg-open-0000000000000001",
                CHAT.replace("\"max_tokens\":4", "\"max_tokens\":4,\"stream\":true"));
        assertThat(dataLines(stream.body())).last().isEqualTo("[DONE]");
        assertThat(stream.body()).contains(": x-tollgate-cost-usd=0.012");
    }

    private static HttpResponse<String> post(String key, String body) {
        return node.post("/v1/chat/completions", body, "authorization", "Bearer " + key);
    }

    static JsonNode error(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return json(response).path("error");
    }
}
