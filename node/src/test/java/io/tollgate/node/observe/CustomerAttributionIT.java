package io.tollgate.node.observe;

import static io.tollgate.node.testing.NodeHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.node.testing.NodeHarness;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * A key under a team under a customer: its requests are logged, and their spend grouped, under the team's
 * customer, as its budgets are charged (a key's own customer is only set when it hangs from a customer directly).
 */
class CustomerAttributionIT {

    private static final String ADMIN = "attribution-admin-token-0001";
    private static final String KEY = "tg-attribution-key-000000001";

    @Test
    void shouldAttributeATeamKeysRequestsToTheTeamsCustomer() {
        try (NodeHarness node = NodeHarness.start("""
                server: { port: 0 }
                admin: { token: %s }
                providers:
                  mock: { type: mock }
                pricing:
                  mock/echo: { input: 1000, output: 1000 }
                governance:
                  enforce: true
                  customers: [ { name: acme } ]
                  teams: [ { name: search, customer: acme } ]
                  virtual_keys: [ { name: search-app, value: %s, team: search } ]
                logging: { enabled: true }
                """.formatted(ADMIN, KEY))) {
            HttpResponse<String> chat = node.post("/v1/chat/completions",
                    "{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                    "authorization", "Bearer " + KEY);
            assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
            node.node().cluster().requestLog().flush();

            String acme = admin(node, "/api/governance/customers").at("/customers/0/id").asText();
            JsonNode row = admin(node, "/api/logs").at("/logs/0");
            JsonNode byCustomer = admin(node, "/api/spend?group_by=customer");

            assertThat(acme).startsWith("cust_");
            assertThat(row.path("customer_id").asText()).isEqualTo(acme);
            assertThat(row.path("team_id").asText()).startsWith("team_");
            assertThat(byCustomer.at("/spend/0/group").asText()).isEqualTo(acme);
            assertThat(byCustomer.at("/spend/0/requests").asLong()).isEqualTo(1);
        }
    }

    private static JsonNode admin(NodeHarness node, String path) {
        HttpResponse<String> response = node.get(path, "authorization", "Bearer " + ADMIN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }
}
