package io.tollgate.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.node.testing.FakeUpstream;
import io.tollgate.node.testing.NodeClient;
import io.tollgate.node.testing.NodeProcess;
import io.tollgate.node.testing.PostgresSchema;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three real node JVMs on loopback forming one cluster over a shared PostgreSQL store: one set of limits whichever
 * node a request lands on. Mock prices make a short chat cost $0.012 (worst case $0.045).
 */
@Timeout(300)
class ThreeNodeClusterIT {

    private static final String ADMIN = "cluster-admin-token-0123456789";
    private static final String CHAT = NodeClient.CHAT;
    private static final String FAKE_CHAT = CHAT.replace("mock/echo", "fake/gpt-test");
    private static final NodeClient CLIENT = NodeClient.withAdminToken(ADMIN);
    private static final List<NodeProcess> NODES = new ArrayList<>();
    /** 8 prompt + 4 completion tokens: $0.012 at $1000 per 1M tokens, like the mock's reply to "hi". */
    private static final String COMPLETION = """
            {"id":"chatcmpl-c","object":"chat.completion","created":1700000000,"model":"gpt-test",
             "choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":8,"completion_tokens":4,"total_tokens":12}}""";
    private static io.tollgate.node.testing.FakeUpstream upstream;
    /** Calls key r1 of provider {@code keyed} received; its first answer is 429 with {@code Retry-After: 2}. */
    private static final java.util.concurrent.atomic.AtomicInteger R1_CALLS = new java.util.concurrent.atomic.AtomicInteger();
    private static PostgresSchema schema;
    /**
     * The {@code store} section every node gets. By default a schema of its own on the local PostgreSQL; the
     * Testcontainers variant sets it to a PostgreSQL container in its static initializer.
     */
    static java.util.function.Supplier<String> storeYaml = () -> {
        schema = PostgresSchema.create("tg_cluster_");
        return schema.storeYaml();
    };

    @BeforeAll
    static void start() throws IOException {
        String store = storeYaml.get();
        upstream = io.tollgate.node.testing.FakeUpstream.start().on("/v1/chat/completions",
                io.tollgate.node.testing.FakeUpstream.Reply.delayed(10,
                        io.tollgate.node.testing.FakeUpstream.Reply.json(200, COMPLETION)));
        upstream.on("/keyed/v1/chat/completions", FakeUpstream.Reply.byKey(Map.of("sk-cluster-keyed-one-00",
                exchange -> (R1_CALLS.incrementAndGet() == 1 ? FakeUpstream.Reply.json(429,
                        "{\"error\":{\"message\":\"slow down\"}}", Map.of("retry-after", "2"))
                        : FakeUpstream.Reply.json(200, COMPLETION)).write(exchange)),
                FakeUpstream.Reply.json(200, COMPLETION)));
        Path dir = Files.createTempDirectory("tollgate-cluster-");
        String clusterName = "tg-it-" + UUID.randomUUID();
        int[] http = {NodeProcess.freePort(), NodeProcess.freePort(), NodeProcess.freePort()};
        int[] grid = {NodeProcess.freePort(), NodeProcess.freePort(), NodeProcess.freePort()};
        String members = "\"127.0.0.1:" + grid[0] + "\", \"127.0.0.1:" + grid[1] + "\", \"127.0.0.1:" + grid[2] + "\"";
        for (int i = 0; i < 3; i++) {
            String yaml = """
                    server: { host: 127.0.0.1, port: %d }
                    admin: { token: %s }
                    providers:
                      mock: { type: mock, mock: { latency_ms: 10 } }
                      fake: { type: openai, base_url: "%s/v1", keys: [ { name: k1, value: sk-cluster-upstream-000 } ] }
                      keyed:
                        type: openai
                        base_url: "%s/keyed/v1"
                        balancing: round-robin   # r1 is chosen within two requests (adaptive may prefer r2 by latency)
                        keys: [ { name: r1, value: sk-cluster-keyed-one-00 }, { name: r2, value: sk-cluster-keyed-two-00 } ]
                    pricing:
                      mock/echo: { input: 1000, output: 1000 }
                      fake/gpt-test: { input: 1000, output: 1000 }
                      keyed/gpt-test: { input: 1000, output: 1000 }
                    cluster: { name: %s, port: %d, members: [ %s ], quorum: 2 }
                    governance:
                      virtual_keys:
                        - { name: capped, value: tg-cluster-capped-0000001, budgets: [ { max_limit: 0.24, reset_duration: 1d } ] }
                        - name: limited
                          value: tg-cluster-limited-000001
                          rate_limit: { request_max_limit: 30, request_reset_duration: 1d }
                        - { name: free, value: tg-cluster-free-000000001 }
                    %s
                    """.formatted(http[i], ADMIN, upstream.url(), upstream.url(), clusterName, grid[i], members, store);
            NODES.add(NodeProcess.launch(dir, "node" + (i + 1), yaml, http[i]));
        }
        NODES.forEach(NodeProcess::awaitReady);
    }

    @AfterAll
    static void stop() {
        NODES.forEach(NodeProcess::close);
        NODES.clear();
        if (upstream != null) {
            upstream.close();
        }
        if (schema != null) {
            schema.close();
            schema = null;
        }
    }

    @Test
    void shouldKeepEveryNodeOffAKeyThatAnswered429UntilItsRetryAfterPasses() throws InterruptedException {
        String keyed = FAKE_CHAT.replace("fake/gpt-test", "keyed/gpt-test");
        long cooledAt = 0;
        for (int i = 0; i < 60 && cooledAt == 0; i++) {
            HttpResponse<String> response = CLIENT.chat(NODES.get(0), "tg-cluster-free-000000001", keyed);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            if (R1_CALLS.get() == 1) {
                cooledAt = System.nanoTime();
                assertThat(response.headers().firstValue("x-tollgate-key")).as("moved to the other key at once")
                        .contains("r2");
                assertThat(response.headers().firstValue("x-tollgate-attempts")).contains("2");
            }
        }
        assertThat(cooledAt).as("r1 was chosen and answered 429").isPositive();

        int during = 0;
        while (System.nanoTime() - cooledAt < java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(1_500)) {
            HttpResponse<String> response = CLIENT.chat(NODES.get(during % 3), "tg-cluster-free-000000001", keyed);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.headers().firstValue("x-tollgate-key")).as("no node uses r1 while it cools down")
                    .contains("r2");
            during++;
        }
        assertThat(R1_CALLS.get()).as("r1's calls during its cool-down (%d requests on three nodes)", during)
                .isEqualTo(1);
        assertThat(during).isGreaterThanOrEqualTo(6);

        Thread.sleep(Math.max(0, 2_100 - java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime()
                - cooledAt)));
        for (int i = 0; i < 90 && R1_CALLS.get() == 1; i++) {
            CLIENT.chat(NODES.get(i % 3), "tg-cluster-free-000000001", keyed);
        }
        assertThat(R1_CALLS.get()).as("after its Retry-After, r1 is tried again").isGreaterThan(1);
    }

    @Test
    void shouldFormOneClusterOfThree() {
        JsonNode status = get(NODES.get(2), "/api/cluster/status");
        assertThat(status.at("/cluster/size").asInt()).as(status.toString()).isEqualTo(3);
        assertThat(status.at("/verdict/healthy").asBoolean()).as(status.toString()).isTrue();
        assertThat(status.at("/cluster/quorum/present").asBoolean()).isTrue();
    }

    @Test
    void shouldHoldAHardBudgetExactlyAcrossAllNodes() throws Exception {
        int before = upstream.requests().size();
        int successes = hammer("tg-cluster-capped-0000001", 48, 402, FAKE_CHAT);
        assertThat(upstream.requests().size() - before).as("only admitted requests reach the upstream")
                .isEqualTo(successes);
        BigDecimal spent = budgetUsage("capped");
        assertThat(spent).as("settled spend").isLessThanOrEqualTo(new BigDecimal("0.24"));
        assertThat(spent).as("filled to within one worst case").isGreaterThan(new BigDecimal("0.195"));
        assertThat(spent).isEqualByComparingTo(new BigDecimal("0.012").multiply(BigDecimal.valueOf(successes)));
        for (NodeProcess node : NODES) {
            assertThat(budgetUsage(node, "capped")).as("the same on " + node).isEqualByComparingTo(spent);
        }
    }

    @Test
    void shouldAcceptExactlyNRequestsPerWindowAcrossTheCluster() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger limited = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 45; i++) {
                NodeProcess node = NODES.get(i % 3);
                calls.add(pool.submit(() -> {
                    int status = chat(node, "tg-cluster-limited-000001").statusCode();
                    (status == 200 ? accepted : limited).incrementAndGet();
                    assertThat(status).isIn(200, 429);
                    return null;
                }));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        }
        assertThat(accepted.get()).isEqualTo(30);
        assertThat(limited.get()).isEqualTo(15);
    }

    @Test
    void shouldHonourAKeyCreatedOnNodeOneOnNodeThreeImmediately() {
        HttpResponse<String> created = send(NODES.get(0), "POST", "/api/governance/virtual-keys",
                "{\"name\":\"fresh-" + UUID.randomUUID() + "\",\"budgets\":[{\"max_limit\":1,\"reset_duration\":\"1d\"}]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String value = parse(created.body()).at("/virtual_key/value").asText();
        HttpResponse<String> used = chat(NODES.get(2), value);
        assertThat(used.statusCode()).as(used.body()).isEqualTo(200);
        String id = parse(created.body()).at("/virtual_key/id").asText();
        assertThat(send(NODES.get(1), "PUT", "/api/governance/virtual-keys/" + id, "{\"is_active\":false}")
                .statusCode()).isEqualTo(200);
        assertThat(chat(NODES.get(2), value).statusCode()).as("disabled on node 2, refused on node 3 at once")
                .isEqualTo(403);
    }

    @Test
    void shouldRefuseOnEveryNodeOnceUsageIngestedOnAnotherCrossesTheBudget() {
        HttpResponse<String> created = send(NODES.get(0), "POST", "/api/governance/virtual-keys",
                "{\"name\":\"ingested-" + UUID.randomUUID() + "\",\"budgets\":[{\"max_limit\":0.3,"
                        + "\"reset_duration\":\"1d\"}]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String value = parse(created.body()).at("/virtual_key/value").asText();
        String id = parse(created.body()).at("/virtual_key/id").asText();
        // every node now holds a lease on the key's budget
        for (NodeProcess node : NODES) {
            assertThat(chat(node, value).statusCode()).isEqualTo(200);
        }

        // $1 of usage from outside the gateway, ingested on node 3
        HttpResponse<String> ingested = send(NODES.get(2), "POST", "/api/ingest", "{\"records\":[{"
                + "\"idempotency_key\":\"job-" + id + "\",\"provider\":\"mock\",\"model\":\"echo\","
                + "\"virtual_key_id\":\"" + id + "\",\"usage\":{\"input_tokens\":1000}}]}");
        assertThat(ingested.statusCode()).as(ingested.body()).isEqualTo(200);

        // the node that took the usage refuses the key's next request at once; the others once the grid's message
        // has reached them (milliseconds), before their next flush
        assertThat(chat(NODES.get(2), value).statusCode()).isEqualTo(402);
        io.tollgate.node.testing.Await.until("every node refuses the key", java.time.Duration.ofSeconds(5),
                () -> NODES.stream().allMatch(node -> chat(node, value).statusCode() == 402));
        for (NodeProcess node : NODES) {
            assertThat(chat(node, value).statusCode()).isEqualTo(402);
        }
    }

    @Test
    void shouldReportTheClusterAndItsBudgetsThroughTheOpsCli() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int status = io.tollgate.ops.Main.run(new String[] {"status", "--url", NODES.get(2).url(), "--token", ADMIN},
                new java.io.PrintStream(out, true, "UTF-8"), new java.io.PrintStream(err, true, "UTF-8"), java.util.Map.of());
        String printed = out.toString("UTF-8");
        assertThat(status).as(printed + err.toString("UTF-8")).isZero();
        for (NodeProcess node : NODES) {
            assertThat(printed).contains(node.url());
        }
        assertThat(printed).contains("OK:").contains("3 members").doesNotContain(ADMIN);

        out.reset();
        int budgets = io.tollgate.ops.Main.run(new String[] {"budgets", "--url", NODES.get(1).url(), "--token", ADMIN},
                new java.io.PrintStream(out, true, "UTF-8"), new java.io.PrintStream(err, true, "UTF-8"), java.util.Map.of());
        assertThat(budgets).isZero();
        assertThat(out.toString("UTF-8")).contains("capped").contains("$0.24");

        out.reset();
        int refused = io.tollgate.ops.Main.run(new String[] {"status", "--url", NODES.get(0).url(), "--token", "wrong"},
                new java.io.PrintStream(out, true, "UTF-8"), new java.io.PrintStream(err, true, "UTF-8"), java.util.Map.of());
        assertThat(refused).isEqualTo(2);
    }

    /** Clients spread over the nodes send until refused with {@code stopStatus}; returns the successes. */
    private static int hammer(String key, int clients, int stopStatus, String body) throws Exception {
        AtomicInteger successes = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                NodeProcess node = NODES.get(c % 3);
                futures.add(pool.submit(() -> {
                    while (true) {
                        HttpResponse<String> response = chat(node, key, body);
                        if (response.statusCode() == stopStatus) {
                            return null;
                        }
                        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                        successes.incrementAndGet();
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
        return successes.get();
    }

    private static BigDecimal budgetUsage(String owner) {
        return CLIENT.budgetUsage(NODES.get(0), owner);
    }

    private static BigDecimal budgetUsage(NodeProcess node, String owner) {
        return CLIENT.budgetUsage(node, owner);
    }

    private static HttpResponse<String> chat(NodeProcess node, String key) {
        return CLIENT.chat(node, key);
    }

    private static HttpResponse<String> chat(NodeProcess node, String key, String body) {
        return CLIENT.chat(node, key, body);
    }

    private static JsonNode get(NodeProcess node, String path) {
        return CLIENT.get(node, path);
    }

    private static HttpResponse<String> send(NodeProcess node, String method, String path, String body) {
        return CLIENT.send(node, method, path, body);
    }

    private static JsonNode parse(String text) {
        return NodeClient.parse(text);
    }
}
