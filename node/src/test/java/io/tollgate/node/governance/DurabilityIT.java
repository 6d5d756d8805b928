package io.tollgate.node.governance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tollgate.adapters.Json;
import io.tollgate.cluster.governance.SeedReport;
import io.tollgate.cluster.ledger.CounterView;
import io.tollgate.node.testing.AdminClient;
import io.tollgate.node.testing.Await;
import io.tollgate.node.testing.MutableClock;
import io.tollgate.node.testing.NodeHarness;
import io.tollgate.node.testing.PostgresSchema;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node is stopped and a new one started on the same store, with the same configuration: every definition, every
 * budget's spend to the nano-dollar and every window's count is back, nothing is left reserved, rotated values stay
 * rotated, an exhausted budget still refuses, and applying the same seeds again writes nothing. Run against the
 * embedded default (an H2 file) and against PostgreSQL (a schema of its own).
 *
 * <p>Mock prices make one token cost $0.001: a short chat ("hi", max_tokens 4) costs exactly $0.012 and reserves
 * at most $0.045, so a $0.05 budget refuses its second request.
 */
class DurabilityIT {

    private static final String ADMIN_TOKEN = "dur-admin-token-0123456789abcdef";
    private static final String SEED_KEY = "tg-durSeedKey0123456789ABCDEFGHIJKLMNOPQRSTUVWX";
    private static final String SMALL_KEY = "tg-durSmallKey0123456789ABCDEFGHIJKLMNOPQRSTUVW";
    private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");
    private static final BigDecimal ONE_CHAT = new BigDecimal("0.012");

    @Nested
    class EmbeddedH2 extends Restart {

        @Override
        String openStore(Path dataDir) {
            return "store: { data_dir: \"" + dataDir.toAbsolutePath() + "\" }";
        }

        @Override
        void dropStore() {
            // the JUnit temporary directory goes with the class
        }
    }

    @Nested
    class PostgreSql extends Restart {

        private PostgresSchema schema;

        @Override
        String openStore(Path dataDir) {
            schema = PostgresSchema.create("tg_dur_");
            return schema.storeYaml();
        }

        @Override
        void dropStore() {
            if (schema != null) {
                schema.close();
            }
        }
    }

    /**
     * The whole scenario, for one store: the first node runs in {@link #runAndRestart}, the second one is then
     * started and snapshotted before any test sends it a request, and each test checks one promise.
     */
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @Timeout(180)
    abstract static class Restart {

        private final MutableClock clock = MutableClock.at(START);
        private NodeHarness node;
        private String yaml;
        private SeedReport firstSeeds;
        private Snapshot before;
        private Snapshot after;
        private String apiKeyId;
        private String apiValueBeforeRotation;
        private String apiValue;

        /** Prepares the store and returns the configuration's {@code store:} line. */
        abstract String openStore(Path dataDir);

        /** Removes what {@link #openStore} made. */
        abstract void dropStore();

        @BeforeAll
        void runAndRestart(@TempDir Path dataDir) {
            yaml = config(openStore(dataDir));
            node = NodeHarness.start(yaml, Map.of(), clock);
            firstSeeds = node.node().cluster().seeds();
            AdminClient admin = AdminClient.of(node, ADMIN_TOKEN);

            String customerId = admin.post("/customers", """
                    {"name":"api-customer","budgets":[{"max_limit":2,"reset_duration":"1M"}]}""", 201)
                    .at("/customer/id").asText();
            String teamId = admin.post("/teams", """
                    {"name":"api-team","customer_id":"%s","budgets":[{"max_limit":1,"reset_duration":"1d"}]}"""
                    .formatted(customerId), 201).at("/team/id").asText();
            JsonNode created = admin.post("/virtual-keys", """
                    {"name":"api-key","team_id":"%s","budgets":[{"max_limit":0.5,"reset_duration":"1d"}],
                     "rate_limit":{"request_max_limit":50,"request_reset_duration":"1h"}}""".formatted(teamId), 201)
                    .path("virtual_key");
            apiKeyId = created.path("id").asText();
            apiValueBeforeRotation = created.path("value").asText();

            for (int i = 0; i < 3; i++) {
                expectStatus(chat(SEED_KEY), 200);
            }
            expectStatus(chat(apiValueBeforeRotation), 200);
            expectStatus(chat(apiValueBeforeRotation), 200);
            apiValue = admin.post("/virtual-keys/" + apiKeyId + "/rotate", "", 200).at("/virtual_key/value").asText();
            expectStatus(chat(apiValue), 200);
            expectStatus(chat(apiValueBeforeRotation), 401);
            expectStatus(chat(SMALL_KEY), 200);
            expectStatus(chat(SMALL_KEY), 402);
            // idle, the node gives its leases back (at its next flush): the snapshot then holds nothing but spend
            clock.advance(Duration.ofSeconds(2));
            Await.until("leases given back", Duration.ofSeconds(20), () -> node.node().cluster().ledger()
                    .allCounters(clock.instant()).stream().allMatch(counter -> counter.leased() == 0));
            before = Snapshot.of(node, clock.instant());

            node.close();
            clock.advance(Duration.ofMinutes(1)); // anything rewritten at the restart would show a new updated_at
            node = NodeHarness.start(yaml, Map.of(), clock);
            after = Snapshot.of(node, clock.instant());
        }

        @AfterAll
        void stop() {
            try {
                if (node != null) {
                    node.close();
                }
            } finally {
                dropStore();
            }
        }

        @Test
        void shouldBringBackEveryCustomerTeamAndKey() {
            assertThat(after.customers()).isEqualTo(before.customers());
            assertThat(after.teams()).isEqualTo(before.teams());
            assertThat(after.keys()).isEqualTo(before.keys());
            assertThat(names(after.customers())).containsExactlyInAnyOrder("seed-customer", "api-customer");
            assertThat(names(after.teams())).containsExactlyInAnyOrder("seed-team", "api-team");
            assertThat(names(after.keys())).containsExactlyInAnyOrder("seed-key", "small", "api-key");
        }

        @Test
        void shouldBringBackEverySpendToTheNanoDollarWithNothingReserved() {
            assertThat(after.budgets()).isEqualTo(before.budgets());
            assertThat(after.rateLimits()).isEqualTo(before.rateLimits());
            assertThat(after.counters()).isEqualTo(before.counters());
            assertThat(usageByOwner(after.budgets())).isEqualTo(Map.of(
                    "seed-customer", chats(3), "seed-team", chats(3), "seed-key", chats(3),
                    "api-customer", chats(3), "api-team", chats(3), "api-key", chats(3),
                    "small", chats(1)));
            for (JsonNode budget : after.budgets()) {
                assertThat(budget.path("reserved_usd").decimalValue()).as(budget.toString()).isZero();
            }
            for (JsonNode window : after.rateLimits()) {
                assertThat(window.path("reserved").asLong()).as(window.toString()).isZero();
            }
            assertThat(after.counters()).allSatisfy(counter -> assertThat(counter.reserved()).isZero());
            assertThat(window(after.rateLimits(), "seed-key", "requests").path("usage").asLong()).isEqualTo(3);
            assertThat(window(after.rateLimits(), "seed-key", "tokens").path("usage").asLong()).isEqualTo(36);
            // four requests were admitted; the refused old value never reached the window
            assertThat(window(after.rateLimits(), "api-key", "requests").path("usage").asLong()).isEqualTo(3);
        }

        @Test
        void shouldChangeNothingWhenTheSameSeedsAreAppliedAgain() {
            assertThat(firstSeeds).isEqualTo(new SeedReport(4, 0, 0));
            assertThat(node.node().cluster().seeds()).isEqualTo(new SeedReport(0, 0, 4));
            for (String name : List.of("seed-customer", "seed-team", "seed-key", "small")) {
                JsonNode seeded = named(after, name);
                assertThat(seeded).as(name).isEqualTo(named(before, name));
                assertThat(seeded.path("updated_at").asText()).as(name).isEqualTo(START.toString());
            }
        }

        @Test
        void shouldStillRefuseTheKeyWhoseBudgetWasExhausted() {
            HttpResponse<String> refused = chat(SMALL_KEY);
            JsonNode error = GovernanceIT.error(refused, 402);
            assertThat(error.path("code").asText()).isEqualTo("budget_exceeded");
            assertThat(error.path("message").asText()).contains("virtual key 'small'").contains("$0.012 of $0.05");
        }

        @Test
        void shouldAuthenticateApiKeysWithTheirCurrentValueOnly() {
            assertThat(GovernanceIT.error(chat(apiValueBeforeRotation), 401).path("code").asText())
                    .isEqualTo("virtual_key_not_found");
            HttpResponse<String> rotated = chat(apiValue);
            expectStatus(rotated, 200);
            assertThat(rotated.headers().firstValue("x-tollgate-cost-usd")).contains("0.012");
            expectStatus(chat(SEED_KEY), 200);
            JsonNode quota = NodeHarness.json(node.get("/api/governance/virtual-keys/quota", "authorization",
                    "Bearer " + apiValue));
            assertThat(quota.at("/virtual_key/id").asText()).isEqualTo(apiKeyId);
        }

        private HttpResponse<String> chat(String key) {
            return node.post("/v1/chat/completions", GovernanceIT.CHAT, "authorization", "Bearer " + key);
        }
    }

    private static String config(String store) {
        return """
                server: { port: 0 }
                admin: { token: %s }
                providers:
                  mock: { type: mock }
                pricing:
                  mock/echo: { input: 1000, output: 1000 }
                governance:
                  customers:
                    - { name: seed-customer, budgets: [ { max_limit: 10, reset_duration: 1M } ] }
                  teams:
                    - { name: seed-team, customer: seed-customer, budgets: [ { max_limit: 5, reset_duration: 1d } ] }
                  virtual_keys:
                    - name: seed-key
                      value: %s
                      team: seed-team
                      budgets: [ { max_limit: 1, reset_duration: 1d } ]
                      rate_limit: { request_max_limit: 100, request_reset_duration: 1h, token_max_limit: 100000, token_reset_duration: 1h }
                    - { name: small, value: %s, budgets: [ { max_limit: 0.05, reset_duration: 1d } ] }
                %s
                """.formatted(ADMIN_TOKEN, SEED_KEY, SMALL_KEY, store);
    }

    private static void expectStatus(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    }

    private static BigDecimal chats(int n) {
        return ONE_CHAT.multiply(BigDecimal.valueOf(n));
    }

    private static List<String> names(List<JsonNode> items) {
        return items.stream().map(item -> item.path("name").asText()).toList();
    }

    private static Map<String, BigDecimal> usageByOwner(List<JsonNode> budgets) {
        Map<String, BigDecimal> usage = new java.util.HashMap<>();
        for (JsonNode budget : budgets) {
            BigDecimal previous = usage.put(budget.path("owner_name").asText(),
                    budget.path("usage_usd").decimalValue().setScale(3));
            assertThat(previous).as("one budget per owner: " + budget).isNull();
        }
        return usage;
    }

    private static JsonNode window(List<JsonNode> windows, String owner, String kind) {
        return windows.stream()
                .filter(w -> w.path("owner_name").asText().equals(owner) && w.path("kind").asText().equals(kind))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " window of " + owner + " in "
                        + windows));
    }

    private static JsonNode named(Snapshot snapshot, String name) {
        List<JsonNode> all = new ArrayList<>(snapshot.customers());
        all.addAll(snapshot.teams());
        all.addAll(snapshot.keys());
        return all.stream().filter(item -> item.path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no definition named " + name));
    }

    /**
     * What a node shows: the definition listings, the budgets and rate-limits listings (each sorted by id) and the
     * ledger's counters in nano-dollars and tokens.
     */
    private record Snapshot(List<JsonNode> customers, List<JsonNode> teams, List<JsonNode> keys,
                            List<JsonNode> budgets, List<JsonNode> rateLimits, List<CounterView> counters) {

        static Snapshot of(NodeHarness node, Instant now) {
            AdminClient admin = AdminClient.of(node, ADMIN_TOKEN);
            List<CounterView> counters = new ArrayList<>(node.node().cluster().ledger().allCounters(now));
            counters.sort(Comparator.comparing(CounterView::counterId));
            return new Snapshot(byId(admin.get("/customers").path("customers")),
                    byId(admin.get("/teams").path("teams")),
                    byId(admin.get("/virtual-keys").path("virtual_keys")),
                    byId(admin.get("/budgets").path("budgets")),
                    byId(admin.get("/rate-limits").path("rate_limits")),
                    List.copyOf(counters));
        }

        private static List<JsonNode> byId(JsonNode array) {
            assertThat(array).as(Json.string(array)).isInstanceOf(ArrayNode.class);
            List<JsonNode> items = new ArrayList<>();
            array.forEach(items::add);
            items.sort(Comparator.comparing(item -> item.path("id").asText()));
            return List.copyOf(items);
        }
    }
}
