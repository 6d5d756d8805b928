package io.tollgate.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.node.testing.Await;
import io.tollgate.node.testing.FakeUpstream;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.NodeClient;
import io.tollgate.node.testing.NodeProcess;
import io.tollgate.node.testing.ThreeNodes;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Budget alerts across three real node processes checking every 100 ms: when spend crosses 80% of a budget all
 * three see it within one check and claim it at the same moment, and the receiver hears it exactly once; a receiver
 * that fails gets retries until it answers; after the whole cluster restarts nothing is sent again (the claims are
 * in the database).
 */
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertsClusterIT {

    private static final String ADMIN = "alerts-cluster-admin-token-01";
    private static final String FIRST = "tg-alerts-cluster-first-0001";
    private static final String SECOND = "tg-alerts-cluster-second-001";
    private static final NodeClient CLIENT = NodeClient.withAdminToken(ADMIN);
    /** Failures the receiver still answers with 503 before it takes alerts. */
    private static final AtomicInteger FAILURES_LEFT = new AtomicInteger();
    private static FakeUpstream receiver;
    private static ThreeNodes cluster;

    @BeforeAll
    static void start() {
        receiver = FakeUpstream.start();
        receiver.on("/hook", exchange -> {
            if (FAILURES_LEFT.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                Reply.json(503, "{}").write(exchange);
            } else {
                Reply.json(200, "{}").write(exchange);
            }
        });
        // $0.012 a request, at most $0.045 reserved: twenty requests reach 80% of $0.30 without a refusal
        cluster = ThreeNodes.start("alerts", """
                admin: { token: %s }
                providers:
                  mock: { type: mock }
                pricing:
                  mock/echo: { input: 1000, output: 1000 }
                governance:
                  virtual_keys:
                    - { name: first, value: %s, budgets: [ { max_limit: 0.3, reset_duration: 30d } ] }
                    - { name: second, value: %s, budgets: [ { max_limit: 0.3, reset_duration: 30d } ] }
                alerts:
                  thresholds: [80]
                  check_interval_ms: 100
                  max_attempts: 5
                  webhooks: [ { type: json, url: "%s/hook" } ]
                """.formatted(ADMIN, FIRST, SECOND, receiver.url()));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    @Order(1)
    void shouldSendOneWebhookCallWhenThreeNodesCrossEightyPercentAtOnce() throws InterruptedException {
        spendPastEightyPercent(FIRST, "first");

        Await.until("the 80% alert of 'first'", Duration.ofSeconds(20), () -> calls("first") > 0);
        Thread.sleep(1_500);   // fifteen more checks on each node: none may send it again
        assertThat(calls("first")).isEqualTo(1);
        JsonNode alert = alerts("first").get(0);
        assertThat(alert.path("threshold_percent").asInt()).isEqualTo(80);
        assertThat(alert.path("level").asText()).isEqualTo("virtual_key");
        assertThat(alert.path("limit_usd").decimalValue()).isEqualByComparingTo("0.3");
        assertThat(alert.path("usage_usd").decimalValue()).isGreaterThanOrEqualTo(new BigDecimal("0.24"));
        assertThat(alert.path("resets_at").asText()).isNotEmpty();
    }

    @Test
    @Order(2)
    void shouldRetryAFailingReceiverUntilItTakesTheAlert() throws InterruptedException {
        FAILURES_LEFT.set(2);
        spendPastEightyPercent(SECOND, "second");

        Await.until("the 80% alert of 'second' delivered", Duration.ofSeconds(30),
                () -> FAILURES_LEFT.get() == 0 && calls("second") == 3);
        Thread.sleep(1_500);
        assertThat(calls("second")).as("two failed deliveries, then the one that was taken").isEqualTo(3);
    }

    @Test
    @Order(3)
    void shouldNotSendAnyAlertAgainAfterTheWholeClusterRestarts() throws InterruptedException {
        int before = receiver.requests().size();
        cluster.all().forEach(NodeProcess::stop);
        cluster.all().forEach(NodeProcess::relaunch);
        cluster.all().forEach(NodeProcess::awaitReady);
        assertThat(CLIENT.budgetUsage(cluster.node(2), "first")).isGreaterThanOrEqualTo(new BigDecimal("0.24"));

        Thread.sleep(2_000);   // twenty checks on each node with both budgets still past 80%
        assertThat(receiver.requests()).hasSize(before);
    }

    private static void spendPastEightyPercent(String key, String owner) {
        int sent = 0;
        while (CLIENT.budgetUsage(cluster.node(1), owner).compareTo(new BigDecimal("0.24")) < 0) {
            NodeProcess node = cluster.node(1 + sent % 3);
            HttpResponse<String> response = CLIENT.chat(node, key);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            sent++;
            assertThat(sent).as("requests sent").isLessThan(40);
        }
    }

    private static List<JsonNode> alerts(String owner) {
        return receiver.requests().stream().filter(r -> r.path().equals("/hook")).map(r -> NodeClient.parse(r.body()))
                .filter(json -> json.path("owner_name").asText().equals(owner)).toList();
    }

    private static long calls(String owner) {
        return alerts(owner).size();
    }
}
