package io.tollgate.node.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.node.testing.Await;
import io.tollgate.node.testing.FakeUpstream;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.NodeClient;
import io.tollgate.node.testing.NodeHarness;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A node's budget alerts end to end: spend crosses a threshold, the configured webhook hears it once. */
@Timeout(60)
class NodeAlertsIT {

    private static final String KEY = "tg-alerted-key-00000000001";

    @Test
    void shouldCallTheWebhookOnceWhenAKeysBudgetCrossesAThreshold() throws InterruptedException {
        List<String> alerts = new CopyOnWriteArrayList<>();
        try (FakeUpstream receiver = FakeUpstream.start()) {
            receiver.on("/slack", exchange -> {
                alerts.add(receiver.last().body());
                Reply.json(200, "{}").write(exchange);
            });
            try (NodeHarness node = NodeHarness.start("""
                    server: { port: 0 }
                    providers:
                      mock: { type: mock }
                    pricing:
                      mock/echo: { input: 1000, output: 1000 }
                    governance:
                      virtual_keys:
                        - { name: alerted, value: %s, budgets: [ { max_limit: 0.1, reset_duration: 1d } ] }
                    alerts:
                      thresholds: [10, 90]
                      check_interval_ms: 100
                      webhooks: [ { type: slack, url: "%s/slack" } ]
                    """.formatted(KEY, receiver.url()))) {
                HttpResponse<String> response = node.post("/v1/chat/completions", NodeClient.CHAT,
                        "authorization", "Bearer " + KEY);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

                Await.until("the webhook heard the 10% alert", Duration.ofSeconds(15), () -> !alerts.isEmpty());
                Thread.sleep(1_000);   // ten more checks: none may send it again
                assertThat(alerts).hasSize(1);
                assertThat(NodeClient.parse(alerts.get(0)).path("text").asText())
                        .contains("virtual key budget of 'alerted' reached 10%", "of $0.1");
            }
        }
    }
}
