package io.tollgate.node.observe;

import static io.tollgate.node.testing.NodeHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.node.testing.NodeHarness;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Request tags and end users on one node: spend grouped by tag value and by end user equals the ledger (each
 * request's logged cost, the end users' and tag values' budget counters); an end-user budget holds exactly under
 * concurrency and leaves the key's other end users alone; a tag-value budget holds across keys; undeclared tags and
 * values past a tag's bound are refused. Prices: output only, $1000 per million tokens, so a request with
 * {@code max_tokens: 4} (the mock's four-word reply) costs exactly its reservation, $0.004.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AttributionIT {

    private static final String ADMIN = "attribution-admin-token-01";
    private static final BigDecimal EACH = new BigDecimal("0.004");
    private static NodeHarness node;

    @BeforeAll
    static void start() {
        node = NodeHarness.start("""
                server: { port: 0 }
                admin: { token: %s }
                providers:
                  mock: { type: mock }
                pricing:
                  mock/echo: { input: 0, output: 1000 }
                governance:
                  enforce: true
                  tags:
                    names:
                      feature: { max_values: 4, metric_label: true }
                      env: { max_values: 2 }
                      region: { max_values: 2 }
                    budgets:
                      - { tag: feature, value: capped, budgets: [ { max_limit: 0.012, reset_duration: 1d } ] }
                      - { tag: feature, value: summarize, budgets: [ { max_limit: 100, reset_duration: 1d } ] }
                  virtual_keys:
                    - name: app
                      value: tg-app-000000000000000001
                      end_user_budgets: [ { max_limit: 0.02, reset_duration: 1d } ]
                    - { name: batch, value: tg-batch-0000000000000001 }
                """.formatted(ADMIN));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void shouldHoldOneEndUserToItsBudgetUnderConcurrencyAndLeaveAnotherEndUserAlone() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                calls.add(pool.submit(() -> chat("tg-app-000000000000000001", "alice", Map.of())));
            }
            for (Future<HttpResponse<String>> call : calls) {
                statuses.add(call.get().statusCode());
            }
        }

        assertThat(statuses).filteredOn(status -> status == 200).as("a budget worth 5 requests").hasSize(5);
        assertThat(statuses).filteredOn(status -> status != 200).allSatisfy(status -> assertThat(status)
                .isEqualTo(402));
        JsonNode alice = admin("GET", "/api/governance/virtual-keys/" + keyId("app") + "/end-users/alice");
        assertThat(alice.path("counters").get(0).path("usage_usd").decimalValue()).isEqualByComparingTo("0.02");
        HttpResponse<String> refused = chat("tg-app-000000000000000001", "alice", Map.of());
        assertThat(json(refused).path("error").path("message").asText()).contains("end user 'alice'");
        assertThat(chat("tg-app-000000000000000001", "bob", Map.of()).statusCode()).as("another end user").isEqualTo(200);

        admin("PUT", "/api/governance/virtual-keys/" + keyId("app") + "/end-users/alice",
                "{\"budgets\":[{\"max_limit\":\"0.04\",\"reset_duration\":\"1d\"}]}");
        assertThat(chat("tg-app-000000000000000001", "alice", Map.of()).statusCode()).as("after a raised override")
                .isEqualTo(200);
    }

    @Test
    void shouldSumSpendPerTagValueAndPerEndUserEqualToTheLedger() {
        String[][] script = {
            {"tg-batch-0000000000000001", "carol", "summarize", "prod"},
            {"tg-batch-0000000000000001", "carol", "search", "dev"},
            {"tg-batch-0000000000000001", "dave", "summarize", null},
            {"tg-batch-0000000000000001", null, "summarize", "prod"},
            {"tg-batch-0000000000000001", "dave", null, "dev"},
            {"tg-batch-0000000000000001", "erin", "search", "prod"},
        };
        String from = java.time.Instant.now().minusMillis(1).toString();
        Map<String, BigDecimal> byUser = new TreeMap<>();
        Map<String, BigDecimal> byFeature = new TreeMap<>();
        node.node().cluster().requestLog().flush();
        for (String[] step : script) {
            Map<String, String> tags = new TreeMap<>();
            if (step[2] != null) {
                tags.put("feature", step[2]);
            }
            if (step[3] != null) {
                tags.put("env", step[3]);
            }
            HttpResponse<String> answer = step[1] != null && step[1].equals("dave")
                    ? anthropic(step[0], step[1], tags) : chat(step[0], step[1], tags);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            BigDecimal cost = node.loggedCost(answer.headers());
            assertThat(cost).isEqualByComparingTo(EACH);
            byUser.merge(step[1] == null ? "" : step[1], cost.stripTrailingZeros(), BigDecimal::add);
            byFeature.merge(step[2] == null ? "" : step[2], cost.stripTrailingZeros(), BigDecimal::add);
        }
        String batch = keyId("batch");

        assertThat(spend("end_user", from)).isEqualTo(byUser);
        assertThat(spend("tag:feature", from)).isEqualTo(byFeature);
        JsonNode summarize = tagBudget("feature=summarize");
        assertThat(summarize.path("usage_usd").decimalValue()).as("the tag budget's counter")
                .isEqualByComparingTo(byFeature.get("summarize"));
        JsonNode logs = admin("GET", "/api/logs?from=" + from + "&virtual_key_id=" + batch + "&tag=feature:search");
        assertThat(logs.path("logs")).hasSize(2).allSatisfy(row -> assertThat(row.path("tags").path("feature")
                .asText()).isEqualTo("search"));
        assertThat(admin("GET", "/api/logs?from=" + from + "&end_user=dave").path("logs")).hasSize(2)
                .allSatisfy(row -> assertThat(row.path("end_user").asText()).isEqualTo("dave"));
        String metrics = node.get("/metrics", "authorization", "Bearer " + ADMIN).body();
        assertThat(metrics).contains("tollgate_tag_requests_total{tag=\"feature\",value=\"summarize\"}")
                .doesNotContain("tag=\"env\"");
    }

    @Test
    void shouldHoldATagValueBudgetAcrossKeys() {
        int served = 0;
        for (String key : List.of("tg-batch-0000000000000001", "tg-app-000000000000000001",
                "tg-batch-0000000000000001", "tg-app-000000000000000001")) {
            HttpResponse<String> answer = chat(key, "frank-" + served, Map.of("feature", "capped"));
            if (answer.statusCode() == 200) {
                served++;
            } else {
                assertThat(answer.statusCode()).isEqualTo(402);
                assertThat(json(answer).path("error").path("message").asText()).contains("tag feature=capped");
            }
        }

        assertThat(served).as("a tag budget worth 3 requests, across two keys").isEqualTo(3);
        assertThat(tagBudget("feature=capped").path("usage_usd").decimalValue()).isEqualByComparingTo("0.012");
    }

    @Test
    void shouldRefuseUndeclaredTagsAndValuesPastTheBound() {
        HttpResponse<String> unknown = chat("tg-batch-0000000000000001", null, Map.of("team-name", "x"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).path("error").path("code").asText()).isEqualTo("invalid_tag");
        assertThat(json(unknown).path("error").path("message").asText()).contains("Unknown tag 'team-name'",
                "env, feature, region");

        assertThat(chat("tg-batch-0000000000000001", null, Map.of("region", "eu")).statusCode()).isEqualTo(200);
        assertThat(chat("tg-batch-0000000000000001", null, Map.of("region", "us")).statusCode()).isEqualTo(200);
        assertThat(chat("tg-batch-0000000000000001", null, Map.of("region", "eu")).statusCode()).isEqualTo(200);
        HttpResponse<String> third = chat("tg-batch-0000000000000001", null, Map.of("region", "ap"));
        assertThat(third.statusCode()).as("region takes at most 2 values").isEqualTo(400);
        assertThat(json(third).path("error").path("message").asText()).contains("has its 2 distinct values");
        assertThat(chat("tg-batch-0000000000000001", null, Map.of("feature", "")).statusCode()).isEqualTo(400);
    }

    @Test
    void shouldDropUndeclaredTagsAndValuesPastTheBoundAndCountThemWhenConfiguredTo() {
        try (NodeHarness dropping = NodeHarness.start("""
                server: { port: 0 }
                admin: { token: %s }
                providers:
                  mock: { type: mock }
                governance:
                  enforce: false
                  tags: { names: { feature: { max_values: 1 } }, on_unknown: drop }
                """.formatted(ADMIN))) {
            String body = "{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
            HttpResponse<String> first = dropping.post("/v1/chat/completions", body, "x-tollgate-tag-feature", "a",
                    "x-tollgate-tag-undeclared", "x");
            HttpResponse<String> second = dropping.post("/v1/chat/completions", body, "x-tollgate-tag-feature", "b");

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(second.statusCode()).isEqualTo(200);
            dropping.node().cluster().requestLog().flush();
            assertThat(dropping.node().cluster().requestLog().find(first.headers().firstValue("x-request-id")
                    .orElseThrow()).orElseThrow().dimensions().tags()).isEqualTo(Map.of("feature", "a"));
            assertThat(dropping.node().cluster().requestLog().find(second.headers().firstValue("x-request-id")
                    .orElseThrow()).orElseThrow().dimensions().tags()).isEmpty();
            String metrics = dropping.get("/metrics", "authorization", "Bearer " + ADMIN).body();
            assertThat(metrics).contains("tollgate_tags_dropped_total{reason=\"unknown_name\"} 1.0",
                    "tollgate_tags_dropped_total{reason=\"over_cardinality\"} 1.0");
        }
    }

    private static Map<String, BigDecimal> spend(String groupBy, String from) {
        JsonNode answer = admin("GET", "/api/spend?group_by=" + URLEncoder.encode(groupBy, StandardCharsets.UTF_8)
                + "&from=" + from);
        Map<String, BigDecimal> groups = new TreeMap<>();
        answer.path("spend").forEach(row -> groups.put(row.path("group").asText(), row.path("cost_usd")
                .decimalValue().stripTrailingZeros()));
        return groups;
    }

    private static JsonNode tagBudget(String owner) {
        for (JsonNode budget : admin("GET", "/api/governance/budgets").path("budgets")) {
            if (budget.path("owner_name").asText().equals("tag " + owner)) {
                return budget;
            }
        }
        throw new AssertionError("no budget of tag " + owner);
    }

    private static String keyId(String name) {
        for (JsonNode key : admin("GET", "/api/governance/virtual-keys").path("virtual_keys")) {
            if (key.path("name").asText().equals(name)) {
                return key.path("id").asText();
            }
        }
        throw new AssertionError("no key " + name);
    }

    private static HttpResponse<String> chat(String key, String user, Map<String, String> tags) {
        String body = "{\"model\":\"mock/echo\",\"max_tokens\":4,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]"
                + (user == null ? "" : ",\"user\":\"" + user + "\"") + "}";
        return node.post("/v1/chat/completions", body, headers(key, tags));
    }

    /** An Anthropic-format request: the end user in {@code metadata.user_id}. */
    private static HttpResponse<String> anthropic(String key, String user, Map<String, String> tags) {
        String body = "{\"model\":\"mock/echo\",\"max_tokens\":4,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"metadata\":{\"user_id\":\"" + user + "\"}}";
        return node.post("/anthropic/v1/messages", body, headers(key, tags));
    }

    private static String[] headers(String key, Map<String, String> tags) {
        List<String> headers = new ArrayList<>(List.of("authorization", "Bearer " + key));
        tags.forEach((name, value) -> {
            headers.add("x-tollgate-tag-" + name);
            headers.add(value);
        });
        return headers.toArray(String[]::new);
    }

    private static JsonNode admin(String method, String path) {
        return admin(method, path, "");
    }

    private static JsonNode admin(String method, String path, String body) {
        HttpResponse<String> answer = node.send(method, path, body, "authorization", "Bearer " + ADMIN);
        assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isEqualTo(200);
        return json(answer);
    }
}
