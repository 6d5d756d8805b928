package io.tollgate.node.economics;

import static io.tollgate.node.economics.MarginIT.admin;
import static io.tollgate.node.economics.MarginIT.id;
import static io.tollgate.node.economics.MarginIT.post;
import static io.tollgate.node.economics.MarginIT.record;
import static io.tollgate.node.testing.NodeHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.node.testing.NodeHarness;
import io.tollgate.node.testing.PostgresSchema;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code POST /api/ingest}: usage from outside the gateway is priced with the catalog, logged with
 * {@code source: ingest}, counted in spend and charged to the owner's budgets after the fact; a retried batch
 * applies nothing twice; a batch with one bad record is refused whole (each bad record named by index) and changes
 * nothing; and a budget crossed by ingested usage refuses the next gateway request, even on a node that held a
 * lease on it. On the embedded store and on PostgreSQL.
 */
@Timeout(90)
class IngestIT {

    private static final String KEY = "tg-ingest-app-key-0000000001";
    private static final String CONFIG = """
            server: { port: 0 }
            admin: { token: margin-admin-token-000000001 }
            providers:
              mock: { type: mock }
            pricing:
              mock/echo: { input: 1000, output: 1000 }
            governance:
              enforce: true
              default_output_tokens: 50
              customers: [ { name: acme } ]
              virtual_keys:
                - { name: app, value: %s, customer: acme, budgets: [ { max_limit: 0.5, reset_duration: 1d } ] }
            logging: { enabled: true }
            %s
            """;
    private static final String CHAT = "{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @Test
    void shouldIngestOnceRefuseBadBatchesWholeAndEnforceBudgetsOnTheEmbeddedStore() {
        try (NodeHarness node = NodeHarness.start(CONFIG.formatted(KEY, ""))) {
            scenario(node);
        }
    }

    @Test
    void shouldIngestOnceRefuseBadBatchesWholeAndEnforceBudgetsOnPostgresql() {
        try (PostgresSchema schema = PostgresSchema.create("tg_ingest_");
                NodeHarness node = NodeHarness.start(CONFIG.formatted(KEY, schema.storeYaml()))) {
            scenario(node);
        }
    }

    private static void scenario(NodeHarness node) {
        String key = id(node, "virtual-keys", "app");
        String acme = id(node, "customers", "acme");
        // gateway traffic first: the node now holds a lease on the key's budget
        for (int i = 0; i < 3; i++) {
            assertThat(chat(node).statusCode()).isEqualTo(200);
        }
        BigDecimal gatewaySpend = spend(node);
        BigDecimal usedBefore = used(node);

        // a bad batch: nothing of it is applied, every bad record is named
        String bad = "{\"records\":[" + record("ok-0", "virtual_key_id", key, null, 0, 10, 10) + ","
                + record("bad-1", "virtual_key_id", key, null, 0, 10, 10).replace("\"echo\"", "\"no-such-model\"") + ","
                + record("bad-2", "customer_id", "cust_missing000000000", null, 0, 10, 10) + ","
                + record("bad-3", "virtual_key_id", key, null, 0, 10, 10).replace("\"output_tokens\":10",
                        "\"output_tokens\":-4") + "]}";
        HttpResponse<String> refused = post(node, "/api/ingest", bad);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        JsonNode error = json(refused).path("error");
        assertThat(error.path("param").asText()).isEqualTo("records[1].model");
        assertThat(error.path("message").asText()).contains("nothing of it was applied", "records[1].model",
                "records[2].customer_id", "records[3].usage.output_tokens").doesNotContain("records[0]");
        assertThat(spend(node)).isEqualByComparingTo(gatewaySpend);
        assertThat(used(node)).isEqualByComparingTo(usedBefore);
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            many.add(record("many-" + i, "customer_id", acme, null, 0, 1, 1));
        }
        HttpResponse<String> tooMany = post(node, "/api/ingest", "{\"records\":[" + String.join(",", many) + "]}");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(json(tooMany).at("/error/message").asText()).contains("at most 1000");

        // a good batch: $0.02 now and $1.00 yesterday-or-earlier in this month or the last
        YearMonth month = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
        String good = "{\"records\":[" + record("batch-job-1", "virtual_key_id", key, null, 0, 10, 10) + ","
                + record("batch-job-2", "virtual_key_id", key, month, 2, 600, 400) + "]}";
        HttpResponse<String> ingested = post(node, "/api/ingest", good);
        assertThat(ingested.statusCode()).as(ingested.body()).isEqualTo(200);
        assertThat(json(ingested).path("ingested").asInt()).isEqualTo(2);
        assertThat(json(ingested).path("total_cost_usd").decimalValue()).isEqualByComparingTo("1.02");
        assertThat(spend(node)).isEqualByComparingTo(gatewaySpend.add(new BigDecimal("1.02")));
        assertThat(used(node)).as("charged after the fact").isEqualByComparingTo(usedBefore.add(new BigDecimal("1.02")));

        // the retry applies nothing
        HttpResponse<String> retried = post(node, "/api/ingest", good);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        assertThat(json(retried).path("ingested").asInt()).isZero();
        assertThat(json(retried).path("duplicates").asInt()).isEqualTo(2);
        assertThat(json(retried).at("/records/0/request_id").asText())
                .isEqualTo(json(ingested).at("/records/0/request_id").asText());
        assertThat(spend(node)).isEqualByComparingTo(gatewaySpend.add(new BigDecimal("1.02")));
        assertThat(used(node)).isEqualByComparingTo(usedBefore.add(new BigDecimal("1.02")));

        // the key's $0.50 budget is crossed: the next gateway request is refused
        HttpResponse<String> next = chat(node);
        assertThat(next.statusCode()).as(next.body()).isEqualTo(402);

        // logged like gateway traffic, marked as ingested, with the time it happened
        JsonNode rows = admin(node, "/api/logs?virtual_key_id=" + key + "&limit=50").path("logs");
        List<JsonNode> ingestedRows = new ArrayList<>();
        rows.forEach(row -> {
            if (row.path("source").asText().equals("ingest")) {
                ingestedRows.add(row);
            }
        });
        assertThat(ingestedRows).hasSize(2).allSatisfy(row -> {
            assertThat(row.path("route").asText()).isEqualTo("ingest.usage");
            assertThat(row.path("customer_id").asText()).isEqualTo(acme);
        });
        assertThat(ingestedRows).extracting(row -> row.path("time").asText())
                .anySatisfy(time -> assertThat(time).startsWith(month.atDay(2) + "T12:00"));
        assertThat(rows).filteredOn(row -> row.path("source").asText().equals("gateway")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(admin(node, "/api/logs?source=ingest&virtual_key_id=" + key).path("logs"))
                .extracting(row -> row.path("request_id").asText())
                .containsExactlyInAnyOrderElementsOf(ingestedRows.stream().map(r -> r.path("request_id").asText())
                        .toList());
        assertThat(admin(node, "/api/logs?source=gateway&virtual_key_id=" + key).path("logs"))
                .allSatisfy(row -> assertThat(row.path("source").asText()).isEqualTo("gateway"));
        JsonNode bySource = admin(node, "/api/spend?group_by=source");
        assertThat(bySource.path("spend")).extracting(row -> row.path("group").asText())
                .containsExactly("gateway", "ingest");
        assertThat(bySource.at("/spend/1/cost_usd").decimalValue()).isEqualByComparingTo("1.02");
    }

    private static HttpResponse<String> chat(NodeHarness node) {
        return node.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + KEY);
    }

    private static BigDecimal spend(NodeHarness node) {
        node.node().cluster().requestLog().flush();
        return admin(node, "/api/spend?group_by=virtual_key").path("total_cost_usd").decimalValue();
    }

    private static BigDecimal used(NodeHarness node) {
        for (JsonNode budget : admin(node, "/api/governance/budgets").path("budgets")) {
            if (budget.path("level").asText().equals("virtual_key")) {
                return budget.path("usage_usd").decimalValue();
            }
        }
        throw new AssertionError("no key budget");
    }
}
