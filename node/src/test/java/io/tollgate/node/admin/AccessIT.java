package io.tollgate.node.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.node.testing.NodeHarness;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Roles and scopes of admin API tokens on one node: what a viewer, an operator and an admin may do, what a token
 * scoped to a customer or a team sees and changes, revocation, and tokens kept hashed. Two customers with a team
 * and a key each, and a request through each key, are made once for the class.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AccessIT {

    private static final String BOOTSTRAP = "access-bootstrap-token-0001";
    private static NodeHarness node;
    private static String viewer;
    private static String operator;
    private static String c1;
    private static String c2;
    private static String t1;
    private static String t2;
    private static String k1;
    private static String k2;

    @BeforeAll
    static void start() {
        node = NodeHarness.start("""
                server: { port: 0 }
                admin: { token: %s }
                logging: { content: true }
                providers:
                  mock: { type: mock }
                """.formatted(BOOTSTRAP));
        viewer = token("dashboards", "viewer", "").path("value").asText();
        operator = token("ops on call", "operator", "").path("value").asText();
        c1 = call(BOOTSTRAP, "POST", "/api/governance/customers", "{\"name\":\"acme\"}", 201)
                .path("customer").path("id").asText();
        c2 = call(BOOTSTRAP, "POST", "/api/governance/customers", "{\"name\":\"globex\"}", 201)
                .path("customer").path("id").asText();
        t1 = call(BOOTSTRAP, "POST", "/api/governance/teams", "{\"name\":\"acme-search\",\"customer_id\":\"" + c1
                + "\"}", 201).path("team").path("id").asText();
        t2 = call(BOOTSTRAP, "POST", "/api/governance/teams", "{\"name\":\"globex-bots\",\"customer_id\":\"" + c2
                + "\"}", 201).path("team").path("id").asText();
        JsonNode key1 = call(BOOTSTRAP, "POST", "/api/governance/virtual-keys", "{\"name\":\"k1\",\"team_id\":\""
                + t1 + "\"}", 201).path("virtual_key");
        JsonNode key2 = call(BOOTSTRAP, "POST", "/api/governance/virtual-keys", "{\"name\":\"k2\",\"team_id\":\""
                + t2 + "\"}", 201).path("virtual_key");
        k1 = key1.path("id").asText();
        k2 = key2.path("id").asText();
        for (JsonNode key : java.util.List.of(key1, key2)) {
            HttpResponse<String> chat = node.post("/v1/chat/completions",
                    "{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"secret prompt\"}]}",
                    "authorization", "Bearer " + key.path("value").asText());
            assertThat(chat.statusCode()).isEqualTo(200);
        }
        awaitLogRows(2);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void shouldLetAViewerReadButNotChangeAndHideRequestBodies() {
        assertThat(ids(call(viewer, "GET", "/api/governance/customers", null, 200), "customers")).contains(c1, c2);
        assertThat(call(viewer, "GET", "/api/spend?group_by=customer", null, 200).path("total_requests").asInt())
                .isEqualTo(2);
        assertThat(call(viewer, "GET", "/api/cluster/status", null, 200).has("members")).isTrue();
        assertThat(node.get("/metrics", "authorization", "Bearer " + viewer).statusCode()).isEqualTo(200);
        JsonNode logs = call(viewer, "GET", "/api/logs", null, 200).path("logs");
        assertThat(logs).hasSize(2).allSatisfy(row -> assertThat(row.has("request_body")).isFalse());
        assertThat(call(viewer, "GET", "/api/logs/" + logs.get(0).path("request_id").asText(), null, 200)
                .path("log").has("request_body")).isFalse();
        assertThat(node.get("/api/logs/export", "authorization", "Bearer " + viewer).body())
                .doesNotContain("secret prompt");

        JsonNode refused = call(viewer, "POST", "/api/governance/customers", "{\"name\":\"nope\"}", 403);
        assertThat(refused.path("error").path("type").asText()).isEqualTo("permission_error");
        assertThat(refused.path("error").path("code").asText()).isEqualTo("insufficient_role");
        assertThat(refused.path("error").path("message").asText()).contains("operator", "viewer");
        call(viewer, "DELETE", "/api/cache", null, 403);
        call(viewer, "GET", "/api/audit", null, 403);
        call(viewer, "GET", "/api/tokens", null, 403);
    }

    @Test
    void shouldLetAnOperatorChangeGovernanceAndReadBodiesButNotProvidersOrTokens() {
        JsonNode created = call(operator, "POST", "/api/governance/customers", "{\"name\":\"initech\"}", 201);
        call(operator, "PUT", "/api/governance/customers/" + created.path("customer").path("id").asText(),
                "{\"name\":\"initech\",\"budgets\":[{\"max_limit\":\"5\",\"reset_duration\":\"1d\"}]}", 200);
        call(operator, "DELETE", "/api/cache", null, 200);
        assertThat(call(operator, "GET", "/api/logs", null, 200).path("logs"))
                .anySatisfy(row -> assertThat(row.path("request_body").asText()).contains("secret prompt"));
        call(operator, "GET", "/api/audit", null, 200);
        call(operator, "DELETE", "/api/governance/customers/" + created.path("customer").path("id").asText(), null,
                200);

        call(operator, "GET", "/api/providers/keys", null, 403);
        call(operator, "POST", "/api/reconcile/import", "{}", 403);
        call(operator, "POST", "/api/tokens", "{\"name\":\"x\",\"role\":\"admin\"}", 403);
    }

    @Test
    void shouldLetAnAdminTokenFromTheApiManageTokensAndRevokeOnesThatStopAtOnce() {
        JsonNode admin = token("second admin", "admin", "");
        String adminValue = admin.path("value").asText();
        JsonNode temp = call(adminValue, "POST", "/api/tokens", "{\"name\":\"temp\",\"role\":\"viewer\"}", 201)
                .path("admin_token");
        String tempValue = temp.path("value").asText();
        assertThat(call(tempValue, "GET", "/api/governance/teams", null, 200).path("count").asInt())
                .isGreaterThanOrEqualTo(2);

        JsonNode revoked = call(adminValue, "DELETE", "/api/tokens/" + temp.path("id").asText(), null, 200);

        assertThat(revoked.path("admin_token").path("active").asBoolean()).isFalse();
        assertThat(call(tempValue, "GET", "/api/governance/teams", null, 401).path("error").path("code").asText())
                .isEqualTo("invalid_admin_token");
        HttpResponse<String> listed = node.get("/api/tokens", "authorization", "Bearer " + adminValue);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains(temp.path("id").asText(), "\"active\":false")
                .doesNotContain(tempValue, adminValue, viewer, operator, "value_hash");
        call(adminValue, "DELETE", "/api/tokens/tok_missing", null, 404);
        assertThat(call(BOOTSTRAP, "POST", "/api/tokens", "{\"name\":\"x\",\"role\":\"root\"}", 400)
                .path("error").path("param").asText()).isEqualTo("role");
        assertThat(call(BOOTSTRAP, "POST", "/api/tokens", "{\"name\":\"x\",\"role\":\"viewer\",\"team_id\":"
                + "\"team_missing\"}", 400).path("error").path("param").asText()).isEqualTo("team_id");
    }

    @Test
    void shouldHoldACustomerScopedTokenToItsCustomerAndWhatLiesBeneath() {
        String scoped = token("acme admin", "operator", ",\"customer_id\":\"" + c1 + "\"").path("value").asText();

        assertThat(ids(call(scoped, "GET", "/api/governance/customers", null, 200), "customers")).containsExactly(c1);
        assertThat(ids(call(scoped, "GET", "/api/governance/teams", null, 200), "teams")).containsExactly(t1);
        assertThat(ids(call(scoped, "GET", "/api/governance/virtual-keys", null, 200), "virtual_keys"))
                .containsExactly(k1);
        call(scoped, "GET", "/api/governance/customers/" + c2, null, 404);
        call(scoped, "GET", "/api/governance/teams/" + t2, null, 404);
        call(scoped, "DELETE", "/api/governance/virtual-keys/" + k2, null, 404);
        assertThat(call(scoped, "PUT", "/api/governance/customers/" + c1, "{\"name\":\"acme\",\"budgets\":"
                + "[{\"max_limit\":\"1000\",\"reset_duration\":\"1d\"}]}", 403).path("error").path("code").asText())
                .isEqualTo("outside_token_scope");
        call(scoped, "POST", "/api/governance/customers", "{\"name\":\"mine\"}", 403);
        call(scoped, "POST", "/api/governance/teams", "{\"name\":\"x\",\"customer_id\":\"" + c2 + "\"}", 403);
        call(scoped, "POST", "/api/governance/virtual-keys", "{\"name\":\"x\",\"team_id\":\"" + t2 + "\"}", 403);
        String team = call(scoped, "POST", "/api/governance/teams", "{\"name\":\"acme-new\",\"customer_id\":\"" + c1
                + "\"}", 201).path("team").path("id").asText();
        call(scoped, "POST", "/api/governance/virtual-keys", "{\"name\":\"new\",\"team_id\":\"" + team + "\"}", 201);
        call(scoped, "PUT", "/api/governance/teams/" + team, "{\"name\":\"acme-new\",\"customer_id\":\"" + c2
                + "\"}", 403);

        JsonNode logs = call(scoped, "GET", "/api/logs", null, 200).path("logs");
        assertThat(logs).hasSize(1).allSatisfy(row -> assertThat(row.path("customer_id").asText()).isEqualTo(c1));
        call(scoped, "GET", "/api/logs?customer_id=" + c2, null, 400);
        JsonNode spend = call(scoped, "GET", "/api/spend?group_by=customer", null, 200);
        assertThat(spend.path("spend")).hasSize(1);
        assertThat(spend.path("spend").get(0).path("group").asText()).isEqualTo(c1);
        assertThat(node.get("/api/logs/export", "authorization", "Bearer " + scoped).body().lines().count())
                .isEqualTo(1);
        call(scoped, "GET", "/api/cache", null, 403);
        call(scoped, "GET", "/api/cluster/status", null, 200);
        call(scoped, "GET", "/api/margin", null, 403);
        assertThat(node.get("/metrics", "authorization", "Bearer " + scoped).statusCode()).isEqualTo(403);
    }

    @Test
    void shouldHoldATeamScopedTokenToItsTeamsKeysAndLeaveTheTeamItselfReadOnly() {
        String scoped = token("search team", "operator", ",\"team_id\":\"" + t1 + "\"").path("value").asText();

        assertThat(ids(call(scoped, "GET", "/api/governance/customers", null, 200), "customers")).isEmpty();
        assertThat(ids(call(scoped, "GET", "/api/governance/teams", null, 200), "teams")).containsExactly(t1);
        assertThat(ids(call(scoped, "GET", "/api/governance/virtual-keys", null, 200), "virtual_keys"))
                .contains(k1).doesNotContain(k2);
        call(scoped, "PUT", "/api/governance/teams/" + t1, "{\"name\":\"acme-search\"}", 403);
        call(scoped, "PUT", "/api/governance/virtual-keys/" + k1, "{\"name\":\"k1-renamed\"}", 200);
        assertThat(call(scoped, "GET", "/api/governance/budgets", null, 200).path("budgets"))
                .allSatisfy(row -> assertThat(row.path("owner").asText()).isNotEqualTo("globex-bots"));
        assertThat(call(scoped, "GET", "/api/logs", null, 200).path("logs")).hasSize(1)
                .allSatisfy(row -> assertThat(row.path("team_id").asText()).isEqualTo(t1));
    }

    @Test
    void shouldRefuseAMissingOrUnknownTokenWith401() {
        assertThat(node.get("/api/governance/customers").statusCode()).isEqualTo(401);
        assertThat(call("tga-000000000000000000000000000000000000000000000", "GET", "/api/governance/customers",
                null, 401).path("error").path("type").asText()).isEqualTo("authentication_error");
    }

    static JsonNode token(String name, String role, String scope) {
        return call(BOOTSTRAP, "POST", "/api/tokens", "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"" + scope
                + "}", 201).path("admin_token");
    }

    static JsonNode call(String token, String method, String path, String body, int status) {
        HttpResponse<String> response = node.send(method, path, body == null ? "" : body, "authorization",
                "Bearer " + token);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        return NodeHarness.json(response);
    }

    private static java.util.List<String> ids(JsonNode listed, String field) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        listed.path(field).forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private static void awaitLogRows(int rows) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (call(BOOTSTRAP, "GET", "/api/logs", null, 200).path("count").asInt() < rows) {
            assertThat(Instant.now()).as("request log rows written").isBefore(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
