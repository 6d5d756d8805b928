package io.tollgate.node.observe;

import static io.tollgate.node.testing.NodeHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.node.testing.Await;
import io.tollgate.node.testing.FakeUpstream;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.NodeHarness;
import io.tollgate.node.testing.PostgresSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The request log after a mixed run (a success, an upstream error, a cache hit, a stream, a fallback): one row per
 * request with one attempt per upstream call, and the rows' costs and {@code /api/spend} equal the ledger's usage to
 * the nano-dollar, on the embedded store and on PostgreSQL.
 */
@Timeout(120)
class RequestLogIT {

    private static final String ADMIN = "request-log-admin-0123456789";
    private static final String KEY = "tg-request-log-key-000000001";
    private static final String COMPLETION = """
            {"id":"chatcmpl-l","object":"chat.completion","created":1700000000,"model":"m",
             "choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":10,"completion_tokens":4,"total_tokens":14}}""";
    private static final List<String> STREAM = List.of(
            "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"streamed\"}}]}\n\n",
            "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                    + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                    + "\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3,\"total_tokens\":10}}\n\n",
            "data: [DONE]\n\n");

    private FakeUpstream upstream;
    private NodeHarness node;
    private PostgresSchema schema;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        if (upstream != null) {
            upstream.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void shouldLogEveryRequestAndMatchTheLedgerOnTheEmbeddedStore() {
        start("");
        mixedRunMatchesTheLedger();
    }

    @Test
    void shouldLogEveryRequestAndMatchTheLedgerOnPostgresql() {
        schema = PostgresSchema.create("tg_reqlog_");
        start(schema.storeYaml());
        mixedRunMatchesTheLedger();
    }

    private void start(String store) {
        upstream = FakeUpstream.start();
        upstream.on("/primary/v1/chat/completions", exchange -> {
            String body = upstream.last().body();
            (body.contains("\"stream\":true") ? Reply.sse(STREAM)
                    : body.contains("broken") ? Reply.json(400, "{\"error\":{\"message\":\"bad\",\"type\":"
                    + "\"invalid_request_error\"}}")
                    : body.contains("overloaded") ? Reply.json(503, "{\"error\":{\"message\":\"busy\"}}")
                    : Reply.json(200, COMPLETION)).write(exchange);
        });
        upstream.on("/backup/v1/chat/completions", Reply.json(200, COMPLETION));
        node = NodeHarness.start("""
                server: { port: 0 }
                admin: { token: %s }
                providers:
                  primary: { type: openai, base_url: "%s/primary/v1", keys: [ { name: p1, value: sk-log-primary-0000 } ],
                             retries: { max: 0 } }
                  backup: { type: openai, base_url: "%s/backup/v1", keys: [ { name: b1, value: sk-log-backup-00000 } ] }
                pricing:
                  primary/gpt-a: { input: 1000, output: 1000 }
                  backup/gpt-b: { input: 2000, output: 2000 }
                governance:
                  virtual_keys:
                    - { name: logged, value: %s, budgets: [ { max_limit: 10, reset_duration: 1d } ] }
                cache: { mode: exact }
                %s
                """.formatted(ADMIN, upstream.url(), upstream.url(), KEY, store));
    }

    private void mixedRunMatchesTheLedger() {
        List<String> ids = new ArrayList<>();
        ids.add(id(chat("{\"model\":\"primary/gpt-a\",\"temperature\":0,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hello\"}]}", 200)));
        node.node().cache().flush();
        ids.add(id(chat("{\"model\":\"primary/gpt-a\",\"temperature\":0,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hello\"}]}", 200)));
        ids.add(id(chat("{\"model\":\"primary/gpt-a\",\"messages\":[{\"role\":\"user\",\"content\":\"broken\"}]}",
                400)));
        ids.add(id(chat("{\"model\":\"primary/gpt-a\",\"fallbacks\":[\"backup/gpt-b\"],\"messages\":[{\"role\":"
                + "\"user\",\"content\":\"overloaded\"}]}", 200)));
        HttpResponse<InputStream> stream = node.postStreaming("/v1/chat/completions", "{\"model\":\"primary/gpt-a\","
                + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"stream please\"}]}",
                "authorization", "Bearer " + KEY);
        read(stream);
        ids.add(stream.headers().firstValue("x-request-id").orElseThrow());
        node.node().cluster().requestLog().flush();

        JsonNode logs = admin("/api/logs?limit=50");
        assertThat(logs.path("logs")).extracting(row -> row.path("request_id").asText())
                .containsExactlyInAnyOrderElementsOf(ids);
        BigDecimal logged = BigDecimal.ZERO;
        for (JsonNode row : logs.path("logs")) {
            logged = logged.add(row.path("cost_usd").decimalValue());
            assertThat(row.path("virtual_key_id").asText()).startsWith("vk_");
            assertThat(row.toString()).doesNotContain("sk-log-");
        }
        JsonNode byId = index(logs);
        assertThat(byId.path(ids.get(1)).path("cache_status").asText()).isEqualTo("hit-exact");
        assertThat(byId.path(ids.get(1)).path("saved_usd").decimalValue()).isEqualByComparingTo("0.014");
        assertThat(byId.path(ids.get(2)).path("status").asInt()).isEqualTo(400);
        assertThat(byId.path(ids.get(3)).path("fallback_index").asInt()).isEqualTo(1);
        assertThat(byId.path(ids.get(3)).path("provider").asText()).isEqualTo("backup");
        assertThat(byId.path(ids.get(4)).path("streamed").asBoolean()).isTrue();
        assertThat(byId.path(ids.get(4)).path("time_to_first_token_us").asLong()).isPositive();

        attemptsAreLogged(ids, byId);

        BigDecimal ledger = settledUsage();
        assertThat(logged).as("0.014 + 0 + 0 + 0.028 + 0.010").isEqualByComparingTo("0.052")
                .isEqualByComparingTo(ledger);
        JsonNode spend = admin("/api/spend?group_by=virtual_key");
        assertThat(spend.path("total_cost_usd").decimalValue()).isEqualByComparingTo(ledger);
        assertThat(spend.path("total_requests").asLong()).isEqualTo(5);
        assertThat(spend.path("total_errors").asLong()).as("the 400").isEqualTo(1);
        assertThat(spend.path("total_cache_hits").asLong()).as("the exact hit").isEqualTo(1);
        assertThat(spend.path("total_saved_usd").decimalValue()).isEqualByComparingTo("0.014");
        assertThat(spend.path("spend").get(0).path("errors").asLong()).isEqualTo(1);
        assertThat(spend.path("spend").get(0).path("cache_hits").asLong()).isEqualTo(1);
        JsonNode daily = admin("/api/spend?group_by=provider&interval=day");
        assertThat(daily.path("interval").asText()).isEqualTo("day");
        assertThat(daily.path("spend")).extracting(row -> row.path("group").asText() + "@" + row.path("day").asText())
                .containsExactly("backup@" + LocalDate.now(ZoneOffset.UTC), "primary@" + LocalDate.now(ZoneOffset.UTC));
        assertThat(daily.path("total_cost_usd").decimalValue()).isEqualByComparingTo(ledger);
        HttpResponse<String> badInterval = node.get("/api/spend?interval=hour", "authorization", "Bearer " + ADMIN);
        assertThat(badInterval.statusCode()).isEqualTo(400);
        assertThat(json(badInterval).path("error").path("param").asText()).isEqualTo("interval");
        JsonNode filtered = admin("/api/logs?provider=backup");
        assertThat(filtered.path("logs")).hasSize(1);
        JsonNode paged = admin("/api/logs?limit=3");
        JsonNode rest = admin("/api/logs?limit=3&cursor=" + paged.path("next_cursor").asText());
        assertThat(paged.path("logs").size() + rest.path("logs").size()).isEqualTo(5);
        assertThat(rest.path("next_cursor").isNull()).isTrue();

        HttpResponse<String> jsonl = node.get("/api/logs/export?format=jsonl", "authorization", "Bearer " + ADMIN);
        HttpResponse<String> csv = node.get("/api/logs/export?format=csv", "authorization", "Bearer " + ADMIN);
        HttpResponse<String> anonymous = node.get("/api/logs/export?format=csv");
        assertThat(jsonl.body().lines()).hasSize(5).allSatisfy(line -> assertThat(parseLine(line).path("request_id").asText()).isNotEmpty());
        assertThat(jsonl.body().lines().map(RequestLogIT::parseLine)
                .filter(line -> line.path("request_id").asText().equals(ids.get(3))))
                .singleElement().satisfies(line -> assertThat(line.path("attempt_log"))
                        .isEqualTo(byId.path(ids.get(3)).path("attempt_log")));
        assertThat(csv.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.body().lines()).hasSize(6).first().asString().startsWith("request_id,time,node");
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    /**
     * The fallback made two calls (the primary's 503, then the backup's answer), a plain success one, the cache hit
     * none; {@code /api/logs/{id}} shows the same, and an unknown id is a 404 in the OpenAI error shape.
     */
    private void attemptsAreLogged(List<String> ids, JsonNode byId) {
        assertThat(byId.path(ids.get(0)).path("attempt_log")).extracting(AttemptRow::of)
                .containsExactly(new AttemptRow(1, 0, "primary", "gpt-a", "p1", 200, null));
        assertThat(byId.path(ids.get(1)).path("attempt_log")).isEmpty();
        assertThat(byId.path(ids.get(2)).path("attempt_log")).singleElement()
                .satisfies(attempt -> assertThat(attempt.path("status").asInt()).isEqualTo(400));

        JsonNode fallback = byId.path(ids.get(3)).path("attempt_log");
        assertThat(byId.path(ids.get(3)).path("attempts").asInt()).isEqualTo(2);
        assertThat(fallback).hasSize(2);
        assertThat(fallback).extracting(AttemptRow::of).containsExactly(
                new AttemptRow(1, 0, "primary", "gpt-a", "p1", 503, "upstream_error"),
                new AttemptRow(2, 1, "backup", "gpt-b", "b1", 200, null));
        assertThat(fallback).allSatisfy(attempt -> assertThat(attempt.path("upstream_us").asLong()).isPositive());

        JsonNode one = admin("/api/logs/" + ids.get(3)).path("log");
        assertThat(one.path("request_id").asText()).isEqualTo(ids.get(3));
        assertThat(one.path("attempt_log")).isEqualTo(fallback);
        HttpResponse<String> unknown = node.get("/api/logs/no-such-request", "authorization", "Bearer " + ADMIN);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).path("error").path("message").asText()).contains("no-such-request");
        assertThat(json(unknown).path("error").path("type").asText()).isEqualTo("invalid_request_error");
    }

    /** The fields of an {@code attempt_log} entry the test knows in advance ({@code error_type} null when none). */
    private record AttemptRow(int attempt, int fallbackIndex, String provider, String model, String keyName,
                              int status, String errorType) {
        static AttemptRow of(JsonNode json) {
            return new AttemptRow(json.path("attempt").asInt(), json.path("fallback_index").asInt(),
                    json.path("provider").asText(), json.path("model").asText(), json.path("key_name").asText(),
                    json.path("status").asInt(), json.path("error_type").isNull() ? null
                    : json.path("error_type").asText());
        }
    }

    private static JsonNode parseLine(String line) {
        return io.tollgate.node.testing.NodeClient.parse(line);
    }

    private BigDecimal settledUsage() {
        BigDecimal[] usage = new BigDecimal[1];
        Await.until("the ledger settled", Duration.ofSeconds(10), () -> {
            JsonNode budget = admin("/api/governance/budgets").path("budgets").get(0);
            usage[0] = budget.path("usage_usd").decimalValue();
            return budget.path("reserved_usd").decimalValue().signum() == 0;
        });
        return usage[0];
    }

    private static JsonNode index(JsonNode logs) {
        var out = io.tollgate.adapters.Json.object();
        logs.path("logs").forEach(row -> out.set(row.path("request_id").asText(), row));
        return out;
    }

    private HttpResponse<String> chat(String body, int status) {
        HttpResponse<String> response = node.post("/v1/chat/completions", body, "authorization", "Bearer " + KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response;
    }

    private static String id(HttpResponse<String> response) {
        return response.headers().firstValue("x-request-id").orElseThrow();
    }

    private JsonNode admin(String path) {
        HttpResponse<String> response = node.get(path, "authorization", "Bearer " + ADMIN);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return json(response);
    }

    private static void read(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
