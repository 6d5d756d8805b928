package io.tollgate.node.reconcile;

import static io.tollgate.node.testing.NodeHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.node.testing.Await;
import io.tollgate.node.testing.FakeUpstream;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.MutableClock;
import io.tollgate.node.testing.NodeHarness;
import io.tollgate.node.testing.PostgresSchema;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Reconciliation end to end: chat traffic through a node to a fake upstream on two days, local fakes of OpenAI's and
 * Anthropic's usage and cost admin APIs reporting what the upstream served plus bypass usage on the second day, and a
 * CSV invoice for a third provider. Matching days show zero difference, the bypass day shows the difference with
 * cause {@code bypass}, and a catalog price below the billed rate is flagged; on the embedded store and PostgreSQL.
 */
@Timeout(90)
class ReconcileIT {

    private static final String ADMIN = "reconcile-admin-token-0123456789";
    private static final String OPENAI_ADMIN = "sk-admin-openai-fake-0123456789";
    private static final String ANTHROPIC_ADMIN = "sk-ant-admin-fake-0123456789";
    private static final BigDecimal ONE = BigDecimal.ONE;
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-01T10:00:00Z"));
    private final ServedBook openAiBook = new ServedBook();
    private final ServedBook anthropicBook = new ServedBook();
    private FakeUpstream upstream;
    private FakeUpstream openAiAdmin;
    private FakeUpstream anthropicAdmin;
    private NodeHarness node;
    private PostgresSchema schema;

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {node, upstream, openAiAdmin, anthropicAdmin, schema}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void shouldReconcileOnTheEmbeddedStore() {
        start("");
        reconcile();
    }

    @Test
    void shouldReconcileOnPostgresql() {
        schema = PostgresSchema.create("tg_reconcile_");
        start(schema.storeYaml());
        reconcile();
    }

    private void start(String store) {
        upstream = FakeUpstream.start();
        upstream.on("/oa/v1/chat/completions", exchange -> {
            String model = Json.model(upstream.last().body());
            // gpt-drift is billed 1.10 per million input tokens; the gateway's catalog says 1.00
            openAiBook.add(new ServedBook.Served(today(), model, 200_000, 50_000,
                    model.equals("gpt-drift") ? new BigDecimal("1.10") : ONE, TWO));
            Reply.json(200, Json.completion(model, 200_000, 50_000)).write(exchange);
        });
        upstream.on("/inv/v1/chat/completions", Reply.json(200, Json.completion("gpt-a", 200_000, 50_000)));
        upstream.on("/an/v1/messages", exchange -> {
            anthropicBook.add(new ServedBook.Served(today(), "claude-x", 100_000, 20_000, BigDecimal.valueOf(3),
                    BigDecimal.valueOf(15)));
            Reply.json(200, Json.message(100_000, 20_000)).write(exchange);
        });
        openAiAdmin = FakeAdminApis.openAi(openAiBook, OPENAI_ADMIN);
        anthropicAdmin = FakeAdminApis.anthropic(anthropicBook, ANTHROPIC_ADMIN);
        node = NodeHarness.start("""
                server: { port: 0 }
                admin: { token: %s }
                providers:
                  openai: { type: openai, base_url: "%s/oa/v1", keys: [ { name: k, value: sk-oa-000000000000 } ] }
                  claude: { type: anthropic, base_url: "%s/an", keys: [ { name: k, value: sk-an-000000000000 } ] }
                  invoiced: { type: openai, base_url: "%s/inv/v1", keys: [ { name: k, value: sk-iv-00000000000 } ] }
                pricing:
                  openai/gpt-a: { input: 1.00, output: 2.00 }
                  openai/gpt-drift: { input: 1.00, output: 2.00 }
                  invoiced/gpt-a: { input: 1.00, output: 2.00 }
                  claude/claude-x: { input: 3, output: 15 }
                cache: { mode: "off" }
                reconcile:
                  interval_ms: 1000
                  lookback_days: 3
                  sources:
                    - { provider: openai, admin_key: "${OPENAI_ADMIN}", base_url: "%s" }
                    - { provider: claude, admin_key: "${ANTHROPIC_ADMIN}", base_url: "%s" }
                %s
                """.formatted(ADMIN, upstream.url(), upstream.url(), upstream.url(), openAiAdmin.url(),
                anthropicAdmin.url(), store), Map.of("OPENAI_ADMIN", OPENAI_ADMIN, "ANTHROPIC_ADMIN",
                ANTHROPIC_ADMIN), clock);
    }

    private void reconcile() {
        chat("openai/gpt-a");
        chat("openai/gpt-a");
        chat("openai/gpt-drift");
        chat("claude/claude-x");
        chat("invoiced/gpt-a");
        clock.advance(Duration.ofDays(1));
        chat("openai/gpt-a");
        chat("claude/claude-x");
        // usage on the second day that never went through the gateway
        openAiBook.add(new ServedBook.Served(today(), "gpt-a", 200_000, 50_000, ONE, TWO));
        anthropicBook.add(new ServedBook.Served(today(), "claude-x", 100_000, 20_000, BigDecimal.valueOf(3),
                BigDecimal.valueOf(15)));
        node.node().cluster().requestLog().flush();

        JsonNode imported = admin("POST", "/api/reconcile/import?provider=openai", "", 200);
        assertThat(imported.path("figures").asInt()).isEqualTo(3);
        assertThat(imported.path("from").asText()).isEqualTo("2026-10-31");
        JsonNode openai = admin("GET", "/api/reconcile?provider=openai&period=2026-11", "", 200);
        assertThat(line(openai, "2026-11-01", "gpt-a").path("difference_usd").decimalValue()).isZero();
        assertThat(line(openai, "2026-11-01", "gpt-a").path("causes")).isEmpty();
        assertThat(line(openai, "2026-11-01", "gpt-a").path("provider").path("requests").asLong()).isEqualTo(2);
        JsonNode drift = line(openai, "2026-11-01", "gpt-drift");
        assertThat(drift.path("difference_usd").decimalValue()).isEqualByComparingTo("0.02");
        assertThat(drift.path("causes").get(0).path("cause").asText()).isEqualTo("pricing_drift");
        JsonNode bypass = line(openai, "2026-11-02", "gpt-a");
        assertThat(bypass.path("difference_usd").decimalValue()).isEqualByComparingTo("0.3");
        assertThat(bypass.path("causes").get(0).path("cause").asText()).isEqualTo("bypass");
        assertThat(bypass.path("causes").get(0).path("unseen_tokens").asLong()).isEqualTo(250_000);
        assertThat(bypass.path("causes").get(0).path("unseen_requests").asLong()).isEqualTo(1);
        assertThat(openai.path("pricing_flags")).singleElement().satisfies(flag -> {
            assertThat(flag.path("model").asText()).isEqualTo("gpt-drift");
            assertThat(flag.path("token_type").asText()).isEqualTo("input");
            assertThat(flag.path("billed_usd_per_million").decimalValue()).isEqualByComparingTo("1.1");
            assertThat(flag.path("catalog_usd_per_million").decimalValue()).isEqualByComparingTo("1");
        });
        assertThat(openai.path("totals").path("difference_usd").decimalValue()).isEqualByComparingTo("0.32");

        // the claude source is imported by the schedule once a new slot begins
        clock.advance(Duration.ofSeconds(2));
        JsonNode[] claude = new JsonNode[1];
        Await.until("the scheduled import of claude", Duration.ofSeconds(20), () -> {
            claude[0] = admin("GET", "/api/reconcile?provider=claude&from=2026-11-01&to=2026-11-02", "", 200);
            // an import that ran before the bypass usage was added does not count: wait for one that saw it
            return claude[0].path("days").size() == 2 && !claude[0].path("days").get(1).path("provider").isNull()
                    && line(claude[0], "2026-11-02", "claude-x").path("difference_usd").decimalValue().signum() != 0;
        });
        assertThat(line(claude[0], "2026-11-01", "claude-x").path("difference_usd").decimalValue()).isZero();
        assertThat(line(claude[0], "2026-11-01", "claude-x").path("causes")).isEmpty();
        JsonNode claudeBypass = line(claude[0], "2026-11-02", "claude-x");
        assertThat(claudeBypass.path("difference_usd").decimalValue()).isEqualByComparingTo("0.6");
        assertThat(claudeBypass.path("causes").get(0).path("cause").asText()).isEqualTo("bypass");
        assertThat(claudeBypass.path("causes").get(0).path("unseen_tokens").asLong()).isEqualTo(120_000);
        assertThat(claude[0].path("pricing_flags")).isEmpty();

        invoices();
    }

    private void invoices() {
        JsonNode refused = admin("POST", "/api/reconcile/invoices?provider=invoiced",
                "date,model,cost_usd\n2026-11-01,gpt-a,0.6\n2026-11-02,gpt-a,abc\n", 400);
        assertThat(refused.path("error").path("message").asText()).contains("line 3:", "nothing was stored");
        JsonNode before = admin("GET", "/api/reconcile?provider=invoiced&period=2026-11", "", 200);
        assertThat(line(before, "2026-11-01", "gpt-a").path("causes").get(0).path("cause").asText())
                .isEqualTo("missing_provider_data");

        JsonNode stored = admin("POST", "/api/reconcile/invoices?provider=invoiced",
                "date,model,cost_usd,input_tokens,output_tokens\n2026-11-01,gpt-a,0.3,200000,50000\n", 201);
        assertThat(stored.path("lines").asInt()).isEqualTo(1);
        JsonNode invoiced = admin("GET", "/api/reconcile?provider=invoiced&period=2026-11", "", 200);
        JsonNode day = line(invoiced, "2026-11-01", "gpt-a");
        assertThat(day.path("provider").path("source").asText()).startsWith("csv:inv_");
        assertThat(day.path("difference_usd").decimalValue()).isZero();
        assertThat(day.path("causes")).isEmpty();
        assertThat(admin("GET", "/api/reconcile?provider=invoiced&period=2026-13", "", 400).path("error")
                .path("param").asText()).isEqualTo("period");
    }

    private static JsonNode line(JsonNode report, String day, String model) {
        for (JsonNode line : report.path("days")) {
            if (line.path("day").asText().equals(day) && line.path("model").asText().equals(model)) {
                return line;
            }
        }
        throw new AssertionError("no line for " + day + " " + model + " in " + report.toPrettyString());
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private void chat(String model) {
        HttpResponse<String> response = node.post("/v1/chat/completions", "{\"model\":\"" + model
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private JsonNode admin(String method, String path, String body, int status) {
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newHttpClient()) {
            response = http.send(HttpRequest.newBuilder(URI.create(node.url() + path))
                    .header("authorization", "Bearer " + ADMIN).header("content-type", "text/csv")
                    .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        return json(response);
    }

    /** Upstream bodies. */
    private static final class Json {
        static String model(String body) {
            return io.tollgate.node.testing.NodeClient.parse(body).path("model").asText();
        }

        static String completion(String model, long prompt, long completion) {
            return ("{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"%s\",\"choices\":[{\"index\":0,"
                    + "\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}],"
                    + "\"usage\":{\"prompt_tokens\":%d,\"completion_tokens\":%d,\"total_tokens\":%d}}")
                    .formatted(model, prompt, completion, prompt + completion);
        }

        static String message(long input, long output) {
            return ("{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-x\",\"content\":"
                    + "[{\"type\":\"text\",\"text\":\"ok\"}],\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":%d,"
                    + "\"output_tokens\":%d}}").formatted(input, output);
        }
    }
}
