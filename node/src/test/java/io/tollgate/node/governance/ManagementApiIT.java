package io.tollgate.node.governance;

import static io.tollgate.node.testing.NodeHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.node.testing.NodeHarness;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The management API: admin token, CRUD with validation, conflicts and unknown ids, rotation, resets, quota. */
@Timeout(120)
class ManagementApiIT {

    private static final String ADMIN = "Bearer admin-secret-token-123";
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
                  enforce: true
                """);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void shouldRequireTheAdminToken() {
        assertThat(node.get("/api/governance/customers").statusCode()).isEqualTo(401);
        assertThat(node.get("/api/governance/customers", "authorization", "Bearer wrong").statusCode()).isEqualTo(401);
        HttpResponse<String> ok = node.get("/api/governance/customers", "authorization", ADMIN);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json(ok).has("customers")).isTrue();
    }

    @Test
    void shouldManageTheHierarchyAndUseACreatedKey() {
        JsonNode customer = created(call("POST", "/api/governance/customers",
                "{\"name\":\"globex\",\"budgets\":[{\"max_limit\":5,\"reset_duration\":\"1M\",\"calendar_aligned\":true}]}"),
                "customer");
        JsonNode team = created(call("POST", "/api/governance/teams",
                "{\"name\":\"globex-search\",\"customer_id\":\"" + customer.path("id").asText() + "\","
                        + "\"budget\":{\"max_limit\":2,\"reset_duration\":\"1w\"}}"), "team");
        assertThat(team.at("/budgets/0/reset_duration").asText()).isEqualTo("1w");
        HttpResponse<String> createdKey = call("POST", "/api/governance/virtual-keys",
                "{\"name\":\"globex-app\",\"team_id\":\"" + team.path("id").asText() + "\","
                        + "\"budgets\":[{\"max_limit\":0.05,\"reset_duration\":\"1d\"}],"
                        + "\"rate_limit\":{\"request_max_limit\":100,\"request_reset_duration\":\"1m\"},"
                        + "\"provider_configs\":[{\"provider\":\"mock\",\"allowed_models\":[\"*\"]}]}");
        JsonNode key = created(createdKey, "virtual_key");
        String value = key.path("value").asText();
        assertThat(value).startsWith("tg-");
        assertThat(key.path("value_hint").asText()).endsWith(value.substring(value.length() - 4));

        HttpResponse<String> chat = node.post("/v1/chat/completions", GovernanceIT.CHAT, "authorization",
                "Bearer " + value);
        assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
        HttpResponse<String> listed = call("GET", "/api/governance/virtual-keys/" + key.path("id").asText(), "");
        assertThat(listed.body()).doesNotContain(value);
        assertThat(json(listed).at("/virtual_key/name").asText()).isEqualTo("globex-app");

        HttpResponse<String> budgets = call("GET", "/api/governance/budgets", "");
        JsonNode keyBudget = find(json(budgets).path("budgets"), "globex-app");
        assertThat(keyBudget.path("usage_usd").decimalValue()).isEqualByComparingTo("0.012");
        assertThat(keyBudget.path("level").asText()).isEqualTo("virtual_key");
        assertThat(find(json(budgets).path("budgets"), "globex").path("usage_usd").decimalValue())
                .isEqualByComparingTo("0.012");
        assertThat(find(json(call("GET", "/api/governance/rate-limits", "")).path("rate_limits"), "globex-app")
                .path("usage").asLong()).isEqualTo(1);

        HttpResponse<String> quota = node.get("/api/governance/virtual-keys/quota", "authorization", "Bearer " + value);
        assertThat(quota.statusCode()).isEqualTo(200);
        assertThat(json(quota).path("budgets")).hasSize(3);
        assertThat(quota.body()).doesNotContain("\"globex-other\"").doesNotContain(value);
        assertThat(node.get("/api/governance/virtual-keys/quota", "authorization", "Bearer tg-nope-000000000000")
                .statusCode()).isEqualTo(401);

        HttpResponse<String> reset = call("PUT", "/api/governance/virtual-keys/" + key.path("id").asText(),
                "{\"reset_budget_usage\":true}");
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
        assertThat(find(json(call("GET", "/api/governance/budgets", "")).path("budgets"), "globex-app")
                .path("usage_usd").decimalValue()).isZero();

        HttpResponse<String> rotated = call("POST", "/api/governance/virtual-keys/" + key.path("id").asText()
                + "/rotate", "");
        String newValue = json(rotated).at("/virtual_key/value").asText();
        assertThat(newValue).startsWith("tg-").isNotEqualTo(value);
        assertThat(node.post("/v1/chat/completions", GovernanceIT.CHAT, "authorization", "Bearer " + value)
                .statusCode()).isEqualTo(401);
        assertThat(node.post("/v1/chat/completions", GovernanceIT.CHAT, "authorization", "Bearer " + newValue)
                .statusCode()).isEqualTo(200);

        HttpResponse<String> disabled = call("PUT", "/api/governance/virtual-keys/" + key.path("id").asText(),
                "{\"is_active\":false}");
        assertThat(json(disabled).at("/virtual_key/is_active").asBoolean()).isFalse();
        assertThat(node.post("/v1/chat/completions", GovernanceIT.CHAT, "authorization", "Bearer " + newValue)
                .statusCode()).isEqualTo(403);
    }

    @Test
    void shouldAnswer400WithTheFieldPath() {
        JsonNode error = error(call("POST", "/api/governance/customers",
                "{\"name\":\"bad\",\"budgets\":[{\"max_limit\":1,\"reset_duration\":\"1d\"},"
                        + "{\"max_limit\":\"lots\",\"reset_duration\":\"1d\"}]}"), 400);
        assertThat(error.path("param").asText()).isEqualTo("budgets[1].max_limit");
        assertThat(error(call("POST", "/api/governance/virtual-keys",
                "{\"name\":\"k\",\"provider_configs\":[{\"provider\":\"nope\"}]}"), 400).path("param").asText())
                .isEqualTo("provider_configs[0].provider");
        assertThat(error(call("POST", "/api/governance/teams", "{\"nmae\":\"t\"}"), 400).path("param").asText())
                .isEqualTo("nmae");
        assertThat(error(call("POST", "/api/governance/teams", "{\"name\":\"t2\",\"customer_id\":\"cust_missing\"}"),
                400).path("param").asText()).isEqualTo("customer_id");
        assertThat(error(call("POST", "/api/governance/customers", "{not json"), 400).path("message").asText())
                .contains("JSON");
    }

    @Test
    void shouldKeepAKeysFallbacksAndChangeThemOnlyWhenSent() {
        JsonNode key = created(call("POST", "/api/governance/virtual-keys",
                "{\"name\":\"with-fallbacks\",\"fallbacks\":[\"mock/echo-large\",\"mock/echo\"]}"), "virtual_key");
        String path = "/api/governance/virtual-keys/" + key.path("id").asText();
        assertThat(strings(key.path("fallbacks"))).containsExactly("mock/echo-large", "mock/echo");
        assertThat(strings(json(call("GET", path, "")).at("/virtual_key/fallbacks")))
                .containsExactly("mock/echo-large", "mock/echo");

        HttpResponse<String> renamed = call("PUT", path, "{\"name\":\"with-fallbacks-2\"}");
        assertThat(strings(json(renamed).at("/virtual_key/fallbacks"))).as("kept when not sent")
                .containsExactly("mock/echo-large", "mock/echo");
        HttpResponse<String> cleared = call("PUT", path, "{\"fallbacks\":[]}");
        assertThat(json(cleared).at("/virtual_key/fallbacks").isEmpty()).as(cleared.body()).isTrue();

        assertThat(error(call("PUT", path, "{\"fallbacks\":[\"mock/echo\",\"gpt-4o\"]}"), 400).path("param")
                .asText()).isEqualTo("fallbacks[1]");
        assertThat(error(call("POST", "/api/governance/virtual-keys",
                "{\"name\":\"k-bad-fallback\",\"fallbacks\":[\"openai/gpt-4o\"]}"), 400).path("message").asText())
                .contains("unknown provider 'openai'");
        assertThat(error(call("POST", "/api/governance/virtual-keys", "{\"name\":\"k-many\",\"fallbacks\":"
                + "[\"mock/a\",\"mock/b\",\"mock/c\",\"mock/d\",\"mock/e\",\"mock/f\"]}"), 400).path("param")
                .asText()).isEqualTo("fallbacks");
    }

    @Test
    void shouldAnswer404ForUnknownIdsAnd409ForConflicts() {
        error(call("GET", "/api/governance/customers/cust_unknown", ""), 404);
        error(call("PUT", "/api/governance/teams/team_unknown", "{\"name\":\"x\"}"), 404);
        error(call("DELETE", "/api/governance/virtual-keys/vk_unknown", ""), 404);
        error(call("POST", "/api/governance/virtual-keys/vk_unknown/rotate", ""), 404);
        created(call("POST", "/api/governance/customers", "{\"name\":\"initech\"}"), "customer");
        assertThat(error(call("POST", "/api/governance/customers", "{\"name\":\"initech\"}"), 409).path("type")
                .asText()).isEqualTo("conflict_error");
        JsonNode customer = find(json(call("GET", "/api/governance/customers", "")).path("customers"), "initech");
        created(call("POST", "/api/governance/teams", "{\"name\":\"initech-team\",\"customer_id\":\""
                + customer.path("id").asText() + "\"}"), "team");
        error(call("DELETE", "/api/governance/customers/" + customer.path("id").asText(), ""), 409);
    }

    private static HttpResponse<String> call(String method, String path, String body) {
        return node.send(method, path, body, "authorization", ADMIN);
    }

    private static JsonNode created(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).path(field);
    }

    private static JsonNode error(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return json(response).path("error");
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(element -> strings.add(element.asText()));
        return strings;
    }

    private static JsonNode find(JsonNode list, String name) {
        for (JsonNode item : list) {
            if (item.path("name").asText(item.path("owner_name").asText()).equals(name)) {
                return item;
            }
        }
        throw new AssertionError("no " + name + " in " + list);
    }
}
