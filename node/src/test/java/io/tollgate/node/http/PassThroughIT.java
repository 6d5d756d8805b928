package io.tollgate.node.http;

import static io.tollgate.node.testing.NodeHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.node.testing.NodeHarness;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * {@code server.pass_through}: the benchmark baseline only routes and relays. A request without a virtual key is
 * answered although governance is enforced, nothing is priced, and no budget moves.
 */
class PassThroughIT {

    private static final String ADMIN = "pass-through-admin-token-0001";

    @Test
    void shouldOnlyRouteAndRelay() {
        try (NodeHarness node = NodeHarness.start("""
                server: { port: 0, pass_through: true }
                admin: { token: %s }
                providers:
                  mock: { type: mock }
                pricing:
                  mock/echo: { input: 1000, output: 1000 }
                governance:
                  enforce: true
                  virtual_keys:
                    - { name: capped, value: tg-pass-through-key-000001, budgets: [ { max_limit: 1, reset_duration: 1d } ] }
                """.formatted(ADMIN))) {
            HttpResponse<String> response = node.post("/v1/chat/completions",
                    "{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(json(response).at("/choices/0/message/content").asText()).isEqualTo("Mock reply to: hi");
            assertThat(response.headers().firstValue("x-tollgate-cost-usd")).isEmpty();

            HttpResponse<String> budgets = node.get("/api/governance/budgets", "authorization", "Bearer " + ADMIN);
            assertThat(json(budgets).at("/budgets/0/usage_usd").decimalValue()).isZero();
        }
    }
}
