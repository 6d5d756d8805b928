package io.tollgate.node.economics;

import static io.tollgate.node.testing.NodeHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.node.testing.Await;
import io.tollgate.node.testing.FakeUpstream;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.NodeHarness;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A scripted month of usage (ingested with its times) and revenue (plans and posted events): every customer's and
 * team's revenue, cost, margin and margin percent, checked to the micro-dollar against figures worked out by hand
 * from the plans (see each assertion); a retried revenue event counts once; a margin below a plan's threshold in
 * the current month alerts once.
 */
@Timeout(90)
class MarginIT {

    private static final String ADMIN = "margin-admin-token-000000001";
    /** mock/echo costs $1000 per million tokens of either kind: $0.001 a token. */
    private static final String CONFIG = """
            server: { port: 0 }
            admin: { token: %s }
            providers:
              mock: { type: mock }
            pricing:
              mock/echo: { input: 1000, output: 1000 }
            governance:
              customers:
                - { name: acme, plan: { monthly_fee: 100, per_million_tokens: 2.5, included_tokens: 1000 } }
                - { name: globex, plan: { monthly_fee: 10, per_request: 0.01, included_requests: 2 } }
                - { name: initech, plan: { monthly_fee: 0.5, margin_alert_below_percent: 0 } }
              teams:
                - { name: search, customer: acme, plan: { monthly_fee: 5, per_request: 0.001 } }
                - { name: ops, customer: globex }
              virtual_keys:
                - { name: acme-app, value: tg-margin-acme-key-000000001, team: search }
            alerts:
              check_interval_ms: 200
              webhooks: [ { url: "%s/hook" } ]
            """;

    @Test
    void shouldComputeAScriptedMonthsMarginsToTheMicroDollar() {
        try (FakeUpstream receiver = FakeUpstream.start();
                NodeHarness node = NodeHarness.start(CONFIG.formatted(ADMIN, receiver.url()))) {
            receiver.on("/hook", Reply.json(200, "{}"));
            YearMonth month = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
            String acme = id(node, "customers", "acme");
            String globex = id(node, "customers", "globex");
            String initech = id(node, "customers", "initech");
            String search = id(node, "teams", "search");
            String key = id(node, "virtual-keys", "acme-app");

            List<String> records = new ArrayList<>();
            for (int i = 0; i < 10; i++) {   // 10 × 150 tokens = $1.50, team search, customer acme
                records.add(record("acme-key-" + i, "virtual_key_id", key, month, 1 + i, 100, 50));
            }
            records.add(record("search-0", "team_id", search, month, 12, 1000, 0));   // $1.00
            records.add(record("search-1", "team_id", search, month, 13, 1000, 0));   // $1.00
            for (int i = 0; i < 5; i++) {    // 5 × 20 tokens = $0.10
                records.add(record("globex-" + i, "customer_id", globex, month, 14 + i, 10, 10));
            }
            records.add(record("initech-0", "customer_id", initech, month, 20, 1000, 0));   // $1.00
            HttpResponse<String> ingested = post(node, "/api/ingest", "{\"records\":[" + String.join(",", records)
                    + "]}");
            assertThat(ingested.statusCode()).as(ingested.body()).isEqualTo(200);
            assertThat(json(ingested).path("ingested").asInt()).isEqualTo(18);
            assertThat(json(ingested).path("total_cost_usd").decimalValue()).isEqualByComparingTo("4.6");

            assertThat(revenue(node, "ev-1", "\"customer_id\":\"" + acme + "\"", "50.00", month).statusCode())
                    .isEqualTo(201);
            assertThat(revenue(node, "ev-1", "\"customer_id\":\"" + acme + "\"", "50.00", month).statusCode())
                    .as("a retry").isEqualTo(200);
            HttpResponse<String> reused = revenue(node, "ev-1", "\"customer_id\":\"" + acme + "\"", "60", month);
            assertThat(reused.statusCode()).as("another event under a used key").isEqualTo(409);
            assertThat(json(reused).path("error").path("type").asText()).isEqualTo("conflict_error");
            assertThat(revenue(node, "ev-2", "\"customer_id\":\"" + globex + "\"", "-1.5", month).statusCode())
                    .as("a credit").isEqualTo(201);
            assertThat(revenue(node, "ev-3", "\"team_id\":\"" + search + "\"", "7.25", month).statusCode())
                    .isEqualTo(201);

            JsonNode byCustomer = admin(node, "/api/margin?period=" + month + "&group_by=customer");
            // acme: its plan 100 + 2.5 × (3,500 − 1,000 included) tokens / 1M = 100.00625; its team's plan
            // 5 + 0.001 × 12 requests = 5.012; events 50 + 7.25 (the team's) → 162.26825; cost 1.5 + 2 = 3.5
            expectRow(byCustomer, acme, "162.26825", "105.01825", "57.25", "3.5", "158.76825", "97.84");
            // globex: 10 + 0.01 × (5 − 2 included) requests = 10.03; credit −1.5 → 8.53; cost 0.1
            expectRow(byCustomer, globex, "8.53", "10.03", "-1.5", "0.1", "8.43", "98.83");
            // initech: 0.5 against $1 of cost
            expectRow(byCustomer, initech, "0.5", "0.5", "0", "1", "-0.5", "-100.00");
            assertThat(byCustomer.at("/totals/revenue_usd").decimalValue()).isEqualByComparingTo("171.29825");
            assertThat(byCustomer.at("/totals/cost_usd").decimalValue()).isEqualByComparingTo("4.6");
            assertThat(byCustomer.at("/totals/margin_usd").decimalValue()).isEqualByComparingTo("166.69825");
            assertThat(byCustomer.path("negative")).extracting(row -> row.path("name").asText())
                    .containsExactly("initech");
            JsonNode byTeam = admin(node, "/api/margin?period=" + month + "&group_by=team");
            // search: 5.012 + 7.25 = 12.262 against 3.5
            expectRow(byTeam, search, "12.262", "5.012", "7.25", "3.5", "8.762", "71.46");
            assertThat(byTeam.path("margins")).hasSize(1);
            // cost agrees with the ledger's view of the same rows
            JsonNode spend = admin(node, "/api/spend?group_by=customer&from=" + month.atDay(1) + "T00:00:00Z&to="
                    + month.plusMonths(1).atDay(1) + "T00:00:00Z");
            assertThat(spend.path("total_cost_usd").decimalValue()).isEqualByComparingTo("4.6");
            assertThat(admin(node, "/api/margin?period=" + month.minusMonths(1)).path("margins")).as("another month")
                    .allSatisfy(row -> assertThat(row.path("cost_usd").decimalValue()).isZero());
            HttpResponse<String> badPeriod = node.get("/api/margin?period=2026-13", "authorization",
                    "Bearer " + ADMIN);
            assertThat(badPeriod.statusCode()).isEqualTo(400);
            assertThat(json(badPeriod).at("/error/param").asText()).isEqualTo("period");

            // this month, initech costs more than it pays: its 0% threshold alerts once
            List<String> alerts = new CopyOnWriteArrayList<>();
            receiver.on("/hook", exchange -> {
                alerts.add(receiver.last().body());
                Reply.json(200, "{}").write(exchange);
            });
            YearMonth now = YearMonth.now(ZoneOffset.UTC);
            HttpResponse<String> current = post(node, "/api/ingest", "{\"records\":[" + record("initech-now",
                    "customer_id", initech, null, 0, 1000, 0) + "]}");
            assertThat(current.statusCode()).as(current.body()).isEqualTo(200);
            Await.until("the margin alert", Duration.ofSeconds(20), () -> !alerts.isEmpty());
            try {
                Thread.sleep(1_000);   // five more checks: none sends it again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            assertThat(alerts).hasSize(1);
            JsonNode alert = io.tollgate.node.testing.NodeClient.parse(alerts.get(0));
            assertThat(alert.path("type").asText()).isEqualTo("margin_below_threshold");
            assertThat(alert.path("owner_name").asText()).isEqualTo("initech");
            assertThat(alert.path("period").asText()).isEqualTo(now.toString());
            assertThat(alert.path("margin_percent").decimalValue()).isEqualByComparingTo("-100.00");
        }
    }

    private static void expectRow(JsonNode answer, String id, String revenue, String plan, String events, String cost,
                                  String margin, String percent) {
        JsonNode row = null;
        for (JsonNode candidate : answer.path("margins")) {
            if (candidate.path("id").asText().equals(id)) {
                row = candidate;
            }
        }
        assertThat(row).as("a row for " + id + " in " + answer).isNotNull();
        assertThat(row.path("revenue_usd").decimalValue()).as("revenue").isEqualByComparingTo(revenue);
        assertThat(row.path("plan_revenue_usd").decimalValue()).as("plan revenue").isEqualByComparingTo(plan);
        assertThat(row.path("event_revenue_usd").decimalValue()).as("event revenue").isEqualByComparingTo(events);
        assertThat(row.path("cost_usd").decimalValue()).as("cost").isEqualByComparingTo(cost);
        assertThat(row.path("margin_usd").decimalValue()).as("margin").isEqualByComparingTo(margin);
        assertThat(row.path("margin_percent").decimalValue()).as("margin %").isEqualByComparingTo(percent);
    }

    static String record(String key, String ownerField, String ownerId, YearMonth month, int day, long input,
                         long output) {
        String time = month == null ? "" : ",\"time\":\"" + month.atDay(day) + "T12:00:00Z\"";
        return "{\"idempotency_key\":\"" + key + "\",\"provider\":\"mock\",\"model\":\"echo\",\"" + ownerField
                + "\":\"" + ownerId + "\",\"usage\":{\"input_tokens\":" + input + ",\"output_tokens\":" + output + "}"
                + time + "}";
    }

    private static HttpResponse<String> revenue(NodeHarness node, String key, String owner, String amount,
                                                YearMonth month) {
        return post(node, "/api/revenue", "{\"idempotency_key\":\"" + key + "\"," + owner + ",\"amount_usd\":\""
                + amount + "\",\"period\":\"" + month + "\"}");
    }

    static HttpResponse<String> post(NodeHarness node, String path, String body) {
        return node.post(path, body, "authorization", "Bearer " + ADMIN, "content-type", "application/json");
    }

    static JsonNode admin(NodeHarness node, String path) {
        HttpResponse<String> response = node.get(path, "authorization", "Bearer " + ADMIN);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return json(response);
    }

    static String id(NodeHarness node, String kind, String name) {
        for (JsonNode item : admin(node, "/api/governance/" + kind).path(kind.replace('-', '_'))) {
            if (item.path("name").asText().equals(name)) {
                return item.path("id").asText();
            }
        }
        throw new AssertionError("no " + kind + " named " + name);
    }
}
