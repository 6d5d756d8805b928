package io.tollgate.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Three real node JVMs: one is killed with SIGKILL in the middle of load (the other two keep serving and
 * enforcing, no settled spend is lost, reservations of requests that died with it are reclaimed), then all three
 * are stopped and started again (every definition and every cent of spend is back). Reservations live 3 s here, so
 * the sweeper reclaims within seconds.
 */
@Timeout(400)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailureIT {

    private static final String ADMIN = "cluster-admin-token-0123456789";
    private static final String CAPPED = "tg-failure-capped-0000001";
    private static final NodeClient CLIENT = NodeClient.withAdminToken(ADMIN);
    private static final List<NodeProcess> NODES = new ArrayList<>();
    private static PostgresSchema schema;

    @BeforeAll
    static void start() throws IOException {
        schema = PostgresSchema.create("tg_failure_");
        Path dir = Files.createTempDirectory("tollgate-failure-");
        String clusterName = "tg-failure-" + UUID.randomUUID();
        int[] http = {NodeProcess.freePort(), NodeProcess.freePort(), NodeProcess.freePort()};
        int[] grid = {NodeProcess.freePort(), NodeProcess.freePort(), NodeProcess.freePort()};
        String members = "\"127.0.0.1:" + grid[0] + "\", \"127.0.0.1:" + grid[1] + "\", \"127.0.0.1:" + grid[2] + "\"";
        for (int i = 0; i < 3; i++) {
            String yaml = """
                    server: { host: 127.0.0.1, port: %d }
                    admin: { token: %s }
                    providers:
                      mock: { type: mock, mock: { latency_ms: 40 } }
                    pricing:
                      mock/echo: { input: 1000, output: 1000 }
                    cluster: { name: %s, port: %d, members: [ %s ], quorum: 2 }
                    governance:
                      reservation_timeout_ms: 3000
                      virtual_keys:
                        - { name: capped, value: %s, budgets: [ { max_limit: 0.6, reset_duration: 1d } ] }
                    %s
                    """.formatted(http[i], ADMIN, clusterName, grid[i], members, CAPPED, schema.storeYaml());
            NODES.add(NodeProcess.launch(dir, "node" + (i + 1), yaml, http[i]));
        }
        NODES.forEach(NodeProcess::awaitReady);
    }

    @AfterAll
    static void stop() {
        NODES.forEach(NodeProcess::close);
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    @Order(1)
    void shouldKeepServingAndLoseNoSettledSpendWhenANodeIsKilledMidLoad() throws Exception {
        AtomicInteger successes = new AtomicInteger();
        CountDownLatch warmedUp = new CountDownLatch(15);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < 36; c++) {
                int first = c % 3;
                clients.add(pool.submit(() -> {
                    int target = first;
                    while (true) {
                        HttpResponse<String> response;
                        try {
                            response = chat(NODES.get(target), CAPPED);
                        } catch (RuntimeException nodeGone) {
                            target = (target + 1) % 2;   // the killed node's clients move to the survivors
                            continue;
                        }
                        if (response.statusCode() == 402) {
                            return null;
                        }
                        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                        successes.incrementAndGet();
                        warmedUp.countDown();
                    }
                }));
            }
            assertThat(warmedUp.await(60, TimeUnit.SECONDS)).isTrue();
            NODES.get(2).kill();
            for (Future<?> client : clients) {
                client.get();
            }
        }
        assertThat(NODES.get(0).alive() && NODES.get(1).alive()).isTrue();
        BigDecimal cap = new BigDecimal("0.6");
        awaitNoReservation("capped");
        // clients stopped early while dead requests' reservations were held; with them reclaimed, fill the rest
        while (chat(NODES.get(successes.get() % 2), CAPPED).statusCode() == 200) {
            successes.incrementAndGet();
        }
        BigDecimal seen = new BigDecimal("0.012").multiply(BigDecimal.valueOf(successes.get()));
        BigDecimal spent = budgetUsage("capped");
        assertThat(spent).as("settled spend never exceeds the cap").isLessThanOrEqualTo(cap);
        assertThat(spent).as("every answered request was settled before its answer").isGreaterThanOrEqualTo(seen);
        assertThat(spent).as("the survivors filled the cap to within one worst case").isGreaterThan(new BigDecimal("0.555"));
    }

    @Test
    @Order(2)
    void shouldHaveEveryDefinitionAndEveryCentBackAfterAFullRestart() {
        NODES.get(2).restart();
        JsonNode budgetsBefore = get(NODES.get(0), "/api/governance/budgets").path("budgets");
        JsonNode keysBefore = get(NODES.get(0), "/api/governance/virtual-keys").path("virtual_keys");
        NODES.forEach(NodeProcess::stop);
        NODES.forEach(NodeProcess::relaunch);
        NODES.forEach(NodeProcess::awaitReady);
        for (NodeProcess node : NODES) {
            assertThat(get(node, "/api/governance/virtual-keys").path("virtual_keys")).isEqualTo(keysBefore);
            JsonNode budgetsAfter = get(node, "/api/governance/budgets").path("budgets");
            assertThat(budgetsAfter.get(0).path("usage_usd").decimalValue())
                    .isEqualByComparingTo(budgetsBefore.get(0).path("usage_usd").decimalValue());
        }
        assertThat(chat(NODES.get(1), CAPPED).statusCode()).as("still exhausted").isEqualTo(402);
    }

    private static void awaitNoReservation(String owner) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (JsonNode budget : get(NODES.get(0), "/api/governance/budgets").path("budgets")) {
                if (budget.path("owner_name").asText().equals(owner)
                        && budget.path("reserved_usd").decimalValue().signum() == 0) {
                    return;
                }
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("reservations of the killed node's requests were not reclaimed");
    }

    private static BigDecimal budgetUsage(String owner) {
        return CLIENT.budgetUsage(NODES.get(0), owner);
    }

    private static HttpResponse<String> chat(NodeProcess node, String key) {
        return CLIENT.chat(node, key);
    }

    private static JsonNode get(NodeProcess node, String path) {
        return CLIENT.get(node, path);
    }
}
