package io.tollgate.node.governance;

import static io.tollgate.node.testing.NodeHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.node.testing.NodeHarness;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 64 concurrent clients on one key whose budget is worth about 20 requests. Each request costs $0.012 and may
 * cost up to $0.045 (its reservation). Hard mode: the settled spend never exceeds the cap and fills it to within one
 * worst case. Soft mode: the same run overshoots, bounded by the concurrency.
 */
@Timeout(180)
class HardCapIT {

    private static final int CLIENTS = 64;
    private static final BigDecimal CAP = new BigDecimal("0.24");
    private static final BigDecimal ACTUAL = new BigDecimal("0.012");
    private static final BigDecimal WORST = new BigDecimal("0.045");
    private static NodeHarness node;

    @BeforeAll
    static void start() {
        node = NodeHarness.start("""
                server: { port: 0 }
                admin: { token: admin-secret-token-123 }
                providers:
                  mock: { type: mock, mock: { latency_ms: 20 } }
                pricing:
                  mock/echo: { input: 1000, output: 1000 }
                governance:
                  virtual_keys:
                    - { name: hard, value: tg-hard-00000000000000001, budgets: [ { max_limit: 0.24, reset_duration: 1d } ] }
                    - name: soft
                      value: tg-soft-00000000000000001
                      budgets: [ { max_limit: 0.24, reset_duration: 1d, mode: soft } ]
                """);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void shouldNeverSettleMoreThanTheHardCapAndFillItToWithinOneWorstCase() throws Exception {
        int successes = hammer("tg-hard-00000000000000001");
        BigDecimal spent = spend("hard");
        assertThat(spent).as("settled spend").isLessThanOrEqualTo(CAP);
        assertThat(spent).as("filled to within one worst case").isGreaterThan(CAP.subtract(WORST));
        assertThat(spent).isEqualByComparingTo(ACTUAL.multiply(BigDecimal.valueOf(successes)));
        assertThat(successes).isBetween(17, 20);
    }

    @Test
    void shouldOvershootInSoftModeBoundedByTheConcurrency() throws Exception {
        int successes = hammer("tg-soft-00000000000000001");
        BigDecimal spent = spend("soft");
        assertThat(spent).as("soft budgets check after the fact").isGreaterThan(CAP);
        assertThat(spent).isLessThanOrEqualTo(CAP.add(ACTUAL.multiply(BigDecimal.valueOf(CLIENTS))));
        assertThat(spent).isEqualByComparingTo(ACTUAL.multiply(BigDecimal.valueOf(successes)));
    }

    /** Every client sends until it is refused; returns how many requests succeeded. */
    private static int hammer(String key) throws Exception {
        AtomicInteger successes = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(pool.submit(() -> {
                    while (true) {
                        HttpResponse<String> response = node.post("/v1/chat/completions", GovernanceIT.CHAT,
                                "authorization", "Bearer " + key);
                        if (response.statusCode() == 402) {
                            return;
                        }
                        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                        successes.incrementAndGet();
                    }
                }));
            }
            for (Future<?> client : clients) {
                client.get();
            }
        }
        return successes.get();
    }

    private static BigDecimal spend(String keyName) {
        HttpResponse<String> budgets = node.get("/api/governance/budgets", "authorization",
                "Bearer admin-secret-token-123");
        assertThat(budgets.statusCode()).as(budgets.body()).isEqualTo(200);
        for (JsonNode budget : json(budgets).path("budgets")) {
            if (budget.path("owner_name").asText().equals(keyName)) {
                assertThat(budget.path("reserved_usd").decimalValue()).isZero();
                return budget.path("usage_usd").decimalValue();
            }
        }
        throw new AssertionError("no budget of " + keyName + " in " + budgets.body());
    }
}
