package io.tollgate.node.governance;

import static io.tollgate.node.testing.NodeHarness.json;
import static io.tollgate.node.testing.SseText.dataLines;
import static io.tollgate.node.testing.SseText.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.node.testing.NodeHarness;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Streams without {@code max_tokens} reserve a small default allowance and extend it as output arrives; when a
 * budget cannot pay for more, the stream ends cleanly (finish reason {@code length}, then an error event naming
 * the budget) and is billed what was produced, never more than was reserved.
 */
@Timeout(120)
class StreamBudgetIT {

    private static final String PROMPT = "one two three four five six seven eight nine ten eleven twelve";
    private static NodeHarness node;

    @BeforeAll
    static void start() {
        node = NodeHarness.start("""
                server: { port: 0 }
                admin: { token: admin-secret-token-123 }
                providers:
                  mock: { type: mock }
                pricing:
                  mock/echo: { input: 1000, output: 1000 }
                governance:
                  default_output_tokens: 4
                  virtual_keys:
                    - { name: small, value: tg-small-0000000000000001, budgets: [ { max_limit: 0.12, reset_duration: 1d } ] }
                    - { name: ample, value: tg-ample-0000000000000001, budgets: [ { max_limit: 10, reset_duration: 1d } ] }
                """);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void shouldEndTheStreamCleanlyWhenTheBudgetCannotPayForMore() {
        HttpResponse<String> response = stream("tg-small-0000000000000001", "/v1/chat/completions");
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> data = dataLines(response.body());
        assertThat(data).doesNotContain("[DONE]");
        JsonNode error = parse(data.get(data.size() - 1)).path("error");
        assertThat(error.path("code").asText()).isEqualTo("budget_exceeded");
        assertThat(error.path("message").asText()).contains("virtual key 'small'");
        assertThat(parse(data.get(data.size() - 2)).at("/choices/0/finish_reason").asText()).isEqualTo("length");
        StringBuilder text = new StringBuilder();
        data.subList(0, data.size() - 2).forEach(chunk -> text.append(parse(chunk).at("/choices/0/delta/content")
                .asText("")));
        assertThat(text.toString()).startsWith("Mock").isNotEqualTo("Mock reply to: " + PROMPT);
        BigDecimal spent = usage("small");
        assertThat(spent).isPositive().isLessThanOrEqualTo(new BigDecimal("0.12"));
    }

    @Test
    void shouldExtendTheAllowanceAndBillTheUpstreamsUsageWhenTheBudgetSuffices() {
        HttpResponse<String> response = stream("tg-ample-0000000000000001", "/v1/chat/completions");
        List<String> data = dataLines(response.body());
        assertThat(data).last().isEqualTo("[DONE]");
        StringBuilder text = new StringBuilder();
        data.subList(0, data.size() - 1).forEach(chunk -> text.append(parse(chunk).at("/choices/0/delta/content")
                .asText("")));
        assertThat(text.toString()).isEqualTo("Mock reply to: " + PROMPT);
        // 12 words of prompt: (62 chars + 3) / 4 + 4 + 3 = 23 input tokens; 15 output tokens; $0.001 each
        assertThat(response.body()).contains(": x-tollgate-cost-usd=0.038");
        assertThat(usage("ample")).isEqualByComparingTo("0.038");
    }

    @Test
    void shouldEndAnAnthropicStreamWithItsOwnErrorEvent() {
        HttpResponse<String> response = node.post("/anthropic/v1/messages", "{\"model\":\"mock/echo\",\"max_tokens\":"
                + "1000,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}",
                "x-api-key", "tg-small-0000000000000001");
        // with max_tokens the whole output is reserved up front: 1000 tokens cannot be paid, so 402 before streaming
        assertThat(response.statusCode()).isEqualTo(402);
        assertThat(json(response).at("/error/type").asText()).isEqualTo("billing_error");
    }

    private static HttpResponse<String> stream(String key, String path) {
        return node.post(path, "{\"model\":\"mock/echo\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\""
                + PROMPT + "\"}]}", "authorization", "Bearer " + key);
    }

    private static BigDecimal usage(String name) {
        HttpResponse<String> budgets = node.get("/api/governance/budgets", "authorization",
                "Bearer admin-secret-token-123");
        for (JsonNode budget : json(budgets).path("budgets")) {
            if (budget.path("owner_name").asText().equals(name)) {
                assertThat(budget.path("reserved_usd").decimalValue()).isZero();
                return budget.path("usage_usd").decimalValue();
            }
        }
        throw new AssertionError("no budget of " + name);
    }
}
