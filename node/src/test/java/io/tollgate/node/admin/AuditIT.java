package io.tollgate.node.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.node.testing.NodeHarness;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The audit log through the management API: who changed what from where on which node, before and after, secrets
 * never in it; the providers of a node's configuration audited when they change; and no route that could change a
 * row. One node per test, each over a database of its own.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AuditIT {

    private static final String BOOTSTRAP = "audit-bootstrap-token-00001";
    private static final String PROVIDER_SECRET = "sk-audit-provider-secret-0123456789";

    @Test
    void shouldRecordWhoChangedWhatBeforeAndAfterWithoutSecrets() {
        try (NodeHarness node = NodeHarness.start(yaml(NodeHarness.tempDir(), "https://api.openai.com"))) {
            JsonNode operator = call(node, BOOTSTRAP, "POST", "/api/tokens",
                    "{\"name\":\"ops\",\"role\":\"operator\"}", 201).path("admin_token");
            String op = operator.path("value").asText();
            String team = call(node, op, "POST", "/api/governance/teams", "{\"name\":\"search\"}", 201)
                    .path("team").path("id").asText();
            JsonNode key = call(node, op, "POST", "/api/governance/virtual-keys", "{\"name\":\"svc\",\"team_id\":\""
                    + team + "\"}", 201).path("virtual_key");
            String keyId = key.path("id").asText();
            call(node, op, "PUT", "/api/governance/virtual-keys/" + keyId, "{\"name\":\"svc-2\",\"rate_limit\":"
                    + "{\"request_max_limit\":10,\"request_reset_duration\":\"1m\"}}", 200);
            String rotated = call(node, op, "POST", "/api/governance/virtual-keys/" + keyId + "/rotate", "", 200)
                    .path("virtual_key").path("value").asText();
            call(node, op, "DELETE", "/api/cache", null, 200);
            call(node, op, "DELETE", "/api/governance/virtual-keys/" + keyId, null, 200);

            JsonNode rows = call(node, op, "GET", "/api/audit?entity_type=virtual_key", null, 200).path("audit");
            assertThat(actions(rows)).containsExactly("virtual_key.delete", "virtual_key.rotate",
                    "virtual_key.update", "virtual_key.create");
            assertThat(rows).allSatisfy(row -> {
                assertThat(row.path("actor_id").asText()).isEqualTo(operator.path("id").asText());
                assertThat(row.path("actor_role").asText()).isEqualTo("operator");
                assertThat(row.path("actor_name").asText()).isEqualTo("ops");
                assertThat(row.path("client_address").asText()).isEqualTo("127.0.0.1");
                assertThat(row.path("node").asText()).isEqualTo(node.url());
                assertThat(row.path("entity_id").asText()).isEqualTo(keyId);
            });
            JsonNode update = rows.get(2);
            assertThat(update.path("before").path("name").asText()).isEqualTo("svc");
            assertThat(update.path("after").path("name").asText()).isEqualTo("svc-2");
            assertThat(update.path("after").path("rate_limit").isObject()).isTrue();
            assertThat(rows.get(3).path("before").isNull()).isTrue();
            assertThat(rows.get(0).path("after").isNull()).isTrue();

            JsonNode all = call(node, op, "GET", "/api/audit?limit=1000", null, 200);
            assertThat(actions(all.path("audit"))).contains("team.create", "cache.clear", "admin_token.create",
                    "providers.configure");
            assertThat(call(node, op, "GET", "/api/audit?actor=bootstrap", null, 200).path("audit"))
                    .extracting(row -> row.path("action").asText()).containsExactly("admin_token.create");
            String jsonl = node.get("/api/audit/export", "authorization", "Bearer " + op).body();
            String csv = node.get("/api/audit/export?format=csv", "authorization", "Bearer " + op).body();
            assertThat(jsonl.lines().count()).isEqualTo(all.path("count").asLong());
            assertThat(csv.lines().count()).isEqualTo(all.path("count").asLong() + 1);
            for (String secret : List.of(op, key.path("value").asText(), rotated, BOOTSTRAP, PROVIDER_SECRET)) {
                assertThat(jsonl).doesNotContain(secret);
                assertThat(csv).doesNotContain(secret);
            }
            JsonNode providers = call(node, op, "GET", "/api/audit?entity_type=providers", null, 200).path("audit");
            assertThat(providers).singleElement().satisfies(row -> {
                assertThat(row.path("actor_id").asText()).isEqualTo("config");
                assertThat(row.path("after").path("openai").path("keys").get(0).path("value").asText())
                        .isEqualTo("sk-...6789");
            });
        }
    }

    @Test
    void shouldOfferNoRouteThatChangesOrDeletesARow() {
        try (NodeHarness node = NodeHarness.start(yaml(NodeHarness.tempDir(), "https://api.openai.com"))) {
            call(node, BOOTSTRAP, "POST", "/api/governance/customers", "{\"name\":\"acme\"}", 201);
            String before = node.get("/api/audit/export", "authorization", "Bearer " + BOOTSTRAP).body();
            long firstId = call(node, BOOTSTRAP, "GET", "/api/audit", null, 200).path("audit").get(0).path("id")
                    .asLong();

            List<Integer> statuses = new ArrayList<>();
            for (String method : List.of("PUT", "POST", "DELETE", "PATCH")) {
                for (String path : List.of("/api/audit", "/api/audit/" + firstId, "/api/audit/export")) {
                    statuses.add(node.send(method, path, "{\"action\":\"forged\"}", "authorization",
                            "Bearer " + BOOTSTRAP).statusCode());
                }
            }

            assertThat(statuses).allSatisfy(status -> assertThat(status).isIn(404, 405));
            assertThat(node.get("/api/audit/export", "authorization", "Bearer " + BOOTSTRAP).body())
                    .isEqualTo(before).contains("customer.create").doesNotContain("forged");
        }
    }

    @Test
    void shouldAuditTheProvidersOfANodesConfigurationOnlyWhenTheyChange() {
        String data = NodeHarness.tempDir();
        try (NodeHarness node = NodeHarness.start(yaml(data, "https://api.openai.com"))) {
            assertThat(providerRows(node)).hasSize(1);
        }
        try (NodeHarness node = NodeHarness.start(yaml(data, "https://api.openai.com"))) {
            assertThat(providerRows(node)).as("same providers: no new row").hasSize(1);
        }
        try (NodeHarness node = NodeHarness.start(yaml(data, "https://openai.internal.example"))) {
            JsonNode rows = providerRows(node);
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).path("before").path("openai").path("base_url").asText())
                    .isEqualTo("https://api.openai.com");
            assertThat(rows.get(0).path("after").path("openai").path("base_url").asText())
                    .isEqualTo("https://openai.internal.example");
        }
    }

    private static JsonNode providerRows(NodeHarness node) {
        return call(node, BOOTSTRAP, "GET", "/api/audit?entity_type=providers", null, 200).path("audit");
    }

    private static String yaml(String dataDir, String openAiUrl) {
        return """
                server: { port: 0 }
                admin: { token: %s }
                store: { data_dir: "%s" }
                providers:
                  mock: { type: mock }
                  openai: { type: openai, base_url: "%s", keys: [ { name: main, value: %s } ] }
                """.formatted(BOOTSTRAP, dataDir, openAiUrl, PROVIDER_SECRET);
    }

    private static List<String> actions(JsonNode rows) {
        List<String> actions = new ArrayList<>();
        rows.forEach(row -> actions.add(row.path("action").asText()));
        return actions;
    }

    private static JsonNode call(NodeHarness node, String token, String method, String path, String body,
                                 int status) {
        HttpResponse<String> response = node.send(method, path, body == null ? "" : body, "authorization",
                "Bearer " + token);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        return NodeHarness.json(response);
    }
}
