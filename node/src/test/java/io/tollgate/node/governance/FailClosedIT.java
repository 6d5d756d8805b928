package io.tollgate.node.governance;

import static io.tollgate.node.testing.NodeHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.tollgate.cluster.ledger.CounterKind;
import io.tollgate.cluster.ledger.CounterView;
import io.tollgate.cluster.ledger.hazelcast.HazelcastBudgetLedger;
import io.tollgate.node.testing.AdminClient;
import io.tollgate.node.testing.Await;
import io.tollgate.node.testing.CapturedLogs;
import io.tollgate.node.testing.FakeUpstream;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.MutableClock;
import io.tollgate.node.testing.NodeHarness;
import io.tollgate.node.testing.PostgresSchema;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * When the governance state cannot be reached, a request that needs it (a key with a budget or a rate limit) is
 * refused with 503 {@code governance_unavailable} before any upstream call, in the client's dialect; keys without
 * limits need no state and are still served. The store fails by renaming its table behind the node's back (every
 * write-through then fails, and renaming it back heals it); the grid fails by shutting the member down. Each test
 * has a node and a PostgreSQL schema of its own, and an OpenAI-type provider aimed at a fake upstream that records
 * every call. The per-request rules run with leases off ({@code governance.leases.enabled: false}, as near a limit,
 * where a node admits request by request); the tests named "...Lease..." run a node with its default leases.
 */
@Timeout(120)
class FailClosedIT {

    private static final String ADMIN_TOKEN = "fail-closed-admin-token-0123456789";
    private static final String BUDGETED = "tg-fcBudgeted0123456789ABCDEFGHIJKLMNOPQRSTUVW";
    private static final String LIMITED = "tg-fcLimited0123456789ABCDEFGHIJKLMNOPQRSTUVWX";
    private static final String FREE = "tg-fcFree0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZab";
    private static final String CHAT =
            "{\"model\":\"fake/gpt-test\",\"max_tokens\":4,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    /** 10 + 2 tokens at $0.001 each: $0.012. */
    private static final String COMPLETION = """
            {"id":"chatcmpl-fc","object":"chat.completion","created":1700000000,"model":"gpt-test",
             "choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":10,"completion_tokens":2,"total_tokens":12}}""";
    private static final String UPSTREAM_PATH = "/v1/chat/completions";

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-25T10:00:00Z"));
    private PostgresSchema schema;
    private FakeUpstream upstream;
    private NodeHarness node;
    private String yaml;

    @BeforeEach
    void start() {
        schema = PostgresSchema.create("tg_fc_");
        upstream = FakeUpstream.start().on(UPSTREAM_PATH, Reply.json(200, COMPLETION));
        yaml = """
                server: { port: 0 }
                admin: { token: %s }
                providers:
                  fake:
                    type: openai
                    base_url: %s/v1
                    keys: [ { name: k1, value: sk-fail-closed-upstream-0000 } ]
                pricing:
                  fake/gpt-test: { input: 1000, output: 1000 }
                governance:
                  leases: { enabled: false }
                  virtual_keys:
                    - { name: budgeted, value: %s, budgets: [ { max_limit: 1, reset_duration: 1d } ] }
                    - { name: limited, value: %s, rate_limit: { request_max_limit: 100, request_reset_duration: 1h } }
                    - { name: free, value: %s }
                %s
                """.formatted(ADMIN_TOKEN, upstream.url(), BUDGETED, LIMITED, FREE, schema.storeYaml());
        node = NodeHarness.start(yaml, Map.of(), clock);
    }

    @AfterEach
    void stop() {
        try {
            if (node != null) {
                node.close();
            }
        } finally {
            if (upstream != null) {
                upstream.close();
            }
            if (schema != null) {
                schema.close();
            }
        }
    }

    @Test
    void shouldRefuseGovernedRequestsWith503WithoutCallingTheUpstreamWhenTheStoreFails() {
        assertThat(chat(BUDGETED).statusCode()).isEqualTo(200);
        int calls = upstream.requests().size();

        storeDown();

        HttpResponse<String> refused = chat(BUDGETED);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        JsonNode error = json(refused).path("error");
        assertThat(error.path("code").asText()).isEqualTo("governance_unavailable");
        assertThat(error.path("type").asText()).isEqualTo("service_unavailable");
        assertThat(error.path("message").asText()).contains("governance state is unavailable")
                .contains("request was refused");
        HttpResponse<String> anthropic = anthropic(BUDGETED);
        assertThat(anthropic.statusCode()).as(anthropic.body()).isEqualTo(503);
        assertThat(json(anthropic).path("type").asText()).isEqualTo("error");
        assertThat(json(anthropic).at("/error/type").asText()).isEqualTo("overloaded_error");
        assertThat(json(anthropic).at("/error/message").asText()).contains("governance state is unavailable");
        HttpResponse<String> windowOnly = chat(LIMITED);
        assertThat(windowOnly.statusCode()).as(windowOnly.body()).isEqualTo(503);
        assertThat(json(windowOnly).at("/error/code").asText()).isEqualTo("governance_unavailable");

        assertThat(upstream.requests()).as("upstream calls of refused requests").hasSize(calls);
    }

    @Test
    void shouldServeKeysWithoutLimitsWhileTheStoreFails() {
        storeDown();
        int calls = upstream.requests().size();

        HttpResponse<String> openAi = chat(FREE);
        assertThat(openAi.statusCode()).as(openAi.body()).isEqualTo(200);
        assertThat(json(openAi).at("/choices/0/message/content").asText()).isEqualTo("ok");
        HttpResponse<String> anthropic = anthropic(FREE);
        assertThat(anthropic.statusCode()).as(anthropic.body()).isEqualTo(200);
        assertThat(json(anthropic).path("type").asText()).isEqualTo("message");
        assertThat(upstream.requests()).hasSize(calls + 2);
        assertThat(chat(BUDGETED).statusCode()).as("the outage is still on").isEqualTo(503);
    }

    @Test
    void shouldRecoverWhenTheStoreComesBackHavingChargedAndHeldNothingForRefusedRequests() {
        storeDown();
        assertThat(chat(BUDGETED).statusCode()).isEqualTo(503);
        assertThat(chat(BUDGETED).statusCode()).isEqualTo(503);
        assertThat(chat(LIMITED).statusCode()).isEqualTo(503);
        storeUp();

        HttpResponse<String> served = chat(BUDGETED);
        assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
        assertThat(served.headers().firstValue("x-tollgate-cost-usd")).contains("0.012");
        JsonNode budget = budgetOf("budgeted");
        assertThat(budget.path("usage_usd").decimalValue()).isEqualByComparingTo("0.012");
        assertThat(budget.path("reserved_usd").decimalValue()).isZero();
        assertThat(window("limited").path("usage").asLong()).as("refused admissions counted nothing").isZero();
    }

    @Test
    void shouldChargeARequestWhoseSettlementFoundTheStoreDownOnceItIsBack() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        upstream.on(UPSTREAM_PATH, exchange -> {
            arrived.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Reply.json(200, COMPLETION).write(exchange);
        });
        String account = keyId("budgeted");
        try (CapturedLogs logs = CapturedLogs.install()) {
            CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> chat(BUDGETED));
            assertThat(arrived.await(30, TimeUnit.SECONDS)).as("the request reached the upstream").isTrue();

            storeDown();
            release.countDown();
            HttpResponse<String> served = inFlight.get(30, TimeUnit.SECONDS);
            assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
            assertThat(served.headers().firstValue("x-tollgate-cost-usd")).contains("0.012");
            assertThat(logs.lines()).as("the settlement met the outage").anyMatch(line ->
                    line.contains("Settlements") && line.contains("deferred"));
        }

        storeUp();
        Await.until("the deferred settlement of $0.012 is in the database", Duration.ofSeconds(20),
                () -> storedBudget(account).used() == 12_000_000L);
        assertThat(storedBudget(account).reserved()).isZero();

        node.close();
        node = NodeHarness.start(yaml, Map.of(), clock);
        JsonNode afterRestart = budgetOf("budgeted");
        assertThat(afterRestart.path("usage_usd").decimalValue()).as("after a restart: " + afterRestart)
                .isEqualByComparingTo("0.012");
        assertThat(afterRestart.path("reserved_usd").decimalValue()).isZero();
    }

    /**
     * A step whose write-through fails must leave nothing behind: the ledger changes a copy of the account and
     * stores it only when the write succeeds, so a request refused with 503 holds no reservation and counts in no
     * window.
     */
    @Test
    void shouldHoldAndCountNothingForRequestsRefusedWhileTheStoreWasDown() {
        assertThat(chat(BUDGETED).statusCode()).isEqualTo(200);
        assertThat(chat(LIMITED).statusCode()).isEqualTo(200);

        storeDown();
        assertThat(chat(BUDGETED).statusCode()).isEqualTo(503);
        assertThat(chat(LIMITED).statusCode()).isEqualTo(503);
        storeUp();

        JsonNode budget = budgetOf("budgeted");
        assertThat(budget.path("usage_usd").decimalValue()).as(budget.toString()).isEqualByComparingTo("0.012");
        assertThat(budget.path("reserved_usd").decimalValue()).as("held for a refused request: " + budget).isZero();
        assertThat(window("limited").path("usage").asLong()).as("the refused request counted").isEqualTo(1);
    }

    @Test
    void shouldRefuseGovernedRequestsWith503WhenTheGridMemberIsGone() {
        assertThat(chat(BUDGETED).statusCode()).isEqualTo(200);
        Set<HazelcastInstance> members = Hazelcast.getAllHazelcastInstances();
        assertThat(members).as("only this test's node runs a member").hasSize(1);
        int calls = upstream.requests().size();

        members.iterator().next().shutdown();

        HttpResponse<String> refused = chat(BUDGETED);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(json(refused).at("/error/code").asText()).isEqualTo("governance_unavailable");
        assertThat(anthropic(BUDGETED).statusCode()).isEqualTo(503);
        assertThat(chat(LIMITED).statusCode()).isEqualTo(503);
        assertThat(upstream.requests()).hasSize(calls);
        HttpResponse<String> free = chat(FREE);
        assertThat(free.statusCode()).as(free.body()).isEqualTo(200);
        assertThat(upstream.requests()).hasSize(calls + 1);
    }

    @Test
    void shouldRefuseDefinitionChangesWhileTheStoreFailsAndLeaveNothingHalfMade() {
        storeDown();
        HttpResponse<String> refused = node.send("POST", "/api/governance/virtual-keys", "{\"name\":\"late\"}",
                "authorization", "Bearer " + ADMIN_TOKEN);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(json(refused).at("/error/code").asText()).isEqualTo("governance_unavailable");
        assertThat(json(refused).at("/error/message").asText()).isNotBlank();
        assertThat(json(refused).at("/error/type").asText()).isIn("server_error", "service_unavailable");
        AdminClient admin = AdminClient.of(node, ADMIN_TOKEN);
        assertThat(admin.get("/virtual-keys").path("virtual_keys").findValuesAsText("name"))
                .containsExactlyInAnyOrder("budgeted", "limited", "free");

        storeUp();
        JsonNode created = admin.post("/virtual-keys", "{\"name\":\"late\"}", 201).path("virtual_key");
        assertThat(chat(created.path("value").asText()).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldServeUnenforcedAndRecordTheSpendLaterWhenConfiguredOpen() {
        node.close();
        String open = yaml.replace("governance:\n", "governance:\n  on_state_unavailable: open\n");
        node = NodeHarness.start(open, Map.of(), clock);
        assertThat(chat(BUDGETED).statusCode()).isEqualTo(200);
        String account = keyId("budgeted");

        storeDown();
        HttpResponse<String> served = chat(BUDGETED);
        assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
        assertThat(served.headers().firstValue("x-tollgate-governance")).contains("unenforced");
        assertThat(served.headers().firstValue("x-tollgate-cost-usd")).contains("0.012");

        storeUp();
        Await.until("the spend served while the store was down is recorded", Duration.ofSeconds(20),
                () -> storedBudget(account).used() == 24_000_000L);
        assertThat(storedBudget(account).reserved()).isZero();
    }

    @Test
    void shouldServeAtMostWhatTheLeaseHoldsAfterTheStoreFailsThenRefuseAndChargeExactlyOnceItIsBack() {
        node.close();
        node = NodeHarness.start(yaml.replace("  leases: { enabled: false }\n", ""), Map.of(), clock);
        assertThat(chat(BUDGETED).statusCode()).isEqualTo(200);
        int calls = upstream.requests().size();

        storeDown();
        // the node may serve from what its lease durably holds until its next step meets the failure (one flush)
        int served = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        HttpResponse<String> response;
        while ((response = chat(BUDGETED)).statusCode() == 200 && System.nanoTime() < deadline) {
            served++;
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("governance_unavailable");
        assertThat(chat(BUDGETED).statusCode()).as("refused from then on").isEqualTo(503);
        assertThat(upstream.requests()).as("upstream calls: only those served").hasSize(calls + served);

        storeUp();
        Await.until("served again", Duration.ofSeconds(20), () -> chat(BUDGETED).statusCode() == 200);
        BigDecimal expected = new BigDecimal("0.012").multiply(BigDecimal.valueOf(2 + served));
        JsonNode budget = budgetOf("budgeted");
        assertThat(budget.path("usage_usd").decimalValue()).as("every served request, once").isEqualByComparingTo(expected);
        assertThat(budget.path("reserved_usd").decimalValue()).isZero();
    }

    private void storeDown() {
        schema.execute("ALTER TABLE " + schema.name() + ".tollgate_state RENAME TO tollgate_state_offline");
    }

    private void storeUp() {
        schema.execute("ALTER TABLE " + schema.name() + ".tollgate_state_offline RENAME TO tollgate_state");
    }

    private HttpResponse<String> chat(String key) {
        return node.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + key);
    }

    private HttpResponse<String> anthropic(String key) {
        return node.post("/anthropic/v1/messages", CHAT, "x-api-key", key);
    }

    private JsonNode budgetOf(String owner) {
        return row(AdminClient.of(node, ADMIN_TOKEN).get("/budgets").path("budgets"), owner);
    }

    /** The key's budget as the database holds it (its row in tollgate_state, decoded). */
    private CounterView storedBudget(String account) {
        try (Connection connection = schema.connect();
                PreparedStatement select = connection.prepareStatement("SELECT entry_value FROM tollgate_state"
                        + " WHERE map_name = 'tollgate.accounts' AND entry_key = ?")) {
            select.setString(1, account);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).as("a stored account " + account).isTrue();
                return HazelcastBudgetLedger.codec().decode(row.getString(1)).counters(clock.instant()).stream()
                        .filter(counter -> counter.kind() == CounterKind.BUDGET).findFirst().orElseThrow();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String keyId(String name) {
        return row(AdminClient.of(node, ADMIN_TOKEN).get("/virtual-keys").path("virtual_keys"), name, "name")
                .path("id").asText();
    }

    private JsonNode window(String owner) {
        return row(AdminClient.of(node, ADMIN_TOKEN).get("/rate-limits").path("rate_limits"), owner);
    }

    private static JsonNode row(JsonNode rows, String owner) {
        return row(rows, owner, "owner_name");
    }

    private static JsonNode row(JsonNode rows, String owner, String field) {
        for (JsonNode row : rows) {
            if (row.path(field).asText().equals(owner)) {
                return row;
            }
        }
        throw new AssertionError("nothing of " + owner + " in " + rows);
    }
}
