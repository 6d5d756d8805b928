package io.tollgate.node.alerts;

import static io.tollgate.node.alerts.AlertPayloadsTest.ROUTING_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.config.ConfigLoader;
import io.tollgate.node.testing.Await;
import io.tollgate.node.testing.CapturedLogs;
import io.tollgate.node.testing.FakeUpstream;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.NodeClient;
import io.tollgate.node.testing.NodeHarness;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PagerDuty and Teams alerts from a real node: a virtual key's soft budget crosses a threshold through the mock
 * provider (one short chat costs $0.012 at these prices) and local receivers check the posts against the documented
 * formats ({@link DocumentedFormats}); an alert a node could not deliver is sent again by the node restarted on the
 * same store, with the same dedup key; alerts reach channels by severity and by owner, a key's budget reaching its
 * team's and its customer's channels and no other team's. The routing key never shows in a log.
 */
@Timeout(120)
class AlertChannelsIT {

    private static final String KEY = "tg-pagedKey0123456789ABCDEFGHIJKLMNOPQRSTUVWXY";
    private static final String ALPHA_KEY = "tg-alphaKey0123456789ABCDEFGHIJKLMNOPQRSTUVWXY";
    private static final String BETA_KEY = "tg-betaKey0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final Map<String, String> ENV = Map.of("PD_ROUTING_KEY", ROUTING_KEY);
    private static final String ACCEPTED = "{\"status\":\"success\",\"message\":\"Event processed\"}";
    private static final String TEAMS_PATH = "/teams/webhookb2/s3cr3t-path";
    /** The mock provider at prices that make one short chat cost $0.012. */
    private static final String MOCK_PROVIDER = "server: { port: 0 }\nproviders: { mock: { type: mock } }\n"
            + "pricing: { mock/echo: { input: 1000, output: 1000 } }\n";

    @Test
    void shouldPostPagerDutyAndTeamsAlertsInTheirDocumentedFormats() throws InterruptedException {
        try (FakeUpstream receiver = FakeUpstream.start();
             CapturedLogs logs = CapturedLogs.install("io.tollgate.node.alerts")) {
            receiver.on("/v2/enqueue", Reply.json(202, ACCEPTED));
            receiver.on(TEAMS_PATH, Reply.json(200, "1"));
            String yaml = pagedKeyConfig(receiver, "");
            try (NodeHarness node = NodeHarness.start(yaml, ENV)) {
                chat(node, KEY);
                Await.until("PagerDuty and Teams heard the 80% alert", Duration.ofSeconds(15),
                        () -> receiver.requests().size() >= 2);
                Thread.sleep(1_000);   // ten more checks: nothing is sent again
            }

            assertThat(receiver.requests()).map(FakeUpstream.Recorded::path)
                    .containsExactlyInAnyOrder("/v2/enqueue", TEAMS_PATH);
            JsonNode event = DocumentedFormats.pagerDutyEvent(request(receiver, "/v2/enqueue"));
            JsonNode payload = event.path("payload");
            assertThat(event.path("routing_key").asText()).isEqualTo(ROUTING_KEY);
            assertThat(event.path("event_action").asText()).isEqualTo("trigger");
            assertThat(event.path("dedup_key").asText()).startsWith("tollgate:budget:").endsWith(":80");
            assertThat(payload.path("severity").asText()).isEqualTo("warning");
            assertThat(payload.path("summary").asText()).contains("virtual key budget of 'paged' reached 80%",
                    "$0.012 of $0.015");
            assertThat(payload.path("source").asText()).isEqualTo("tollgate-it");
            assertThat(payload.path("component").asText()).isEqualTo("budget of virtual key 'paged'");
            assertThat(payload.path("class").asText()).isEqualTo("budget_threshold");
            assertThat(payload.path("custom_details").path("threshold_percent").asInt()).isEqualTo(80);
            assertThat(payload.path("custom_details").path("owner_name").asText()).isEqualTo("paged");

            JsonNode card = DocumentedFormats.teamsCard(request(receiver, TEAMS_PATH));
            assertThat(card.path("body").get(0).path("text").asText())
                    .isEqualTo("Tollgate alert: virtual key budget of 'paged' at 80%");
            assertThat(DocumentedFormats.facts(card)).contains("severity=warning", "threshold_percent=80",
                    "owner_name=paged", "limit_usd=0.015");

            assertThat(logs.lines()).isNotEmpty().noneSatisfy(line -> assertThat(line).contains(ROUTING_KEY));
            assertThat(logs.lines()).noneSatisfy(line -> assertThat(line).contains("s3cr3t"));
            assertThat(ConfigLoader.parse(yaml, "test.yaml", ENV).toString()).doesNotContain(ROUTING_KEY, "s3cr3t");
        }
    }

    @Test
    void shouldSendAnUndeliveredAlertAgainAfterARestartWithTheSameDedupKey() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        try (FakeUpstream receiver = FakeUpstream.start();
             CapturedLogs logs = CapturedLogs.install("io.tollgate.node.alerts")) {
            receiver.on("/v2/enqueue", exchange -> (calls.incrementAndGet() == 1 ? Reply.json(503, "{}")
                    : Reply.json(202, ACCEPTED)).write(exchange));
            receiver.on(TEAMS_PATH, Reply.json(200, "1"));
            String yaml = pagedKeyConfig(receiver, "  max_attempts: 1\n")
                    + "store: { data_dir: \"" + NodeHarness.tempDir() + "\" }\n";
            try (NodeHarness first = NodeHarness.start(yaml, ENV)) {
                chat(first, KEY);
                Await.until("the first node gave up on PagerDuty", Duration.ofSeconds(15), () -> logs.lines().stream()
                        .anyMatch(line -> line.contains("not delivered to PagerDuty") && line.contains("status 503")));
            }
            try (NodeHarness restarted = NodeHarness.start(yaml, ENV)) {
                Await.until("the restarted node sent the alert again", Duration.ofSeconds(20),
                        () -> calls.get() >= 2);
                Thread.sleep(1_000);   // ten more checks: delivered now, it is not sent a third time
            }

            List<FakeUpstream.Recorded> posts = receiver.requests().stream()
                    .filter(request -> request.path().equals("/v2/enqueue")).toList();
            assertThat(posts).as("one failed post, one accepted; nothing after").hasSize(2);
            assertThat(dedupKey(posts.get(1))).as("the same alert, the same dedup key")
                    .isEqualTo(dedupKey(posts.get(0))).endsWith(":80");
            assertThat(logs.lines()).noneSatisfy(line -> assertThat(line).contains(ROUTING_KEY));
        }
    }

    @Test
    void shouldRouteAlertsBySeverityAndByOwner() throws InterruptedException {
        try (FakeUpstream receiver = FakeUpstream.start()) {
            for (String path : List.of("/alpha", "/beta", "/acme", "/pd-errors", "/pd-alpha-key", "/all")) {
                receiver.on(path, Reply.json(path.startsWith("/pd") ? 202 : 200, "{}"));
            }
            try (NodeHarness node = NodeHarness.start(MOCK_PROVIDER + """
                    governance:
                      customers: [ { name: acme } ]
                      teams:
                        - { name: alpha, customer: acme }
                        - { name: beta }
                      virtual_keys:
                        - name: alpha-key
                          value: %2$s
                          team: alpha
                          budgets: [ { max_limit: 0.015, reset_duration: 1d, mode: soft } ]
                        - name: beta-key
                          value: %3$s
                          team: beta
                          budgets: [ { max_limit: 0.012, reset_duration: 1d, mode: soft } ]
                    alerts:
                      thresholds: [80, 100]
                      check_interval_ms: 100
                      teams:
                        - { url: "%1$s/alpha", owners: [ { team: alpha } ] }
                        - { url: "%1$s/beta", owners: [ { team: beta } ] }
                        - { url: "%1$s/acme", owners: [ { customer: acme } ] }
                      pagerduty:
                        - { routing_key: "${PD_ROUTING_KEY}", url: "%1$s/pd-errors", min_severity: error }
                        - routing_key: "${PD_ROUTING_KEY}"
                          url: "%1$s/pd-alpha-key"
                          owners: [ { virtual_key: alpha-key } ]
                      webhooks: [ { url: "%1$s/all" } ]
                    """.formatted(receiver.url(), ALPHA_KEY, BETA_KEY), ENV)) {
                chat(node, ALPHA_KEY);   // alpha-key's budget at 80%: a warning
                Await.until("the warning reached alpha's channels", Duration.ofSeconds(15),
                        () -> receiver.requests().size() >= 4);
                Thread.sleep(500);
                assertThat(paths(receiver)).containsExactlyInAnyOrder("/alpha", "/acme", "/pd-alpha-key", "/all");

                chat(node, BETA_KEY);   // beta-key's budget at 100%: critical
                Await.until("the critical alert reached beta's channels", Duration.ofSeconds(15),
                        () -> receiver.requests().size() >= 7);
                Thread.sleep(1_000);   // ten more checks: nothing else is sent
            }

            assertThat(paths(receiver).subList(4, paths(receiver).size()))
                    .containsExactlyInAnyOrder("/beta", "/pd-errors", "/all");
            assertThat(receiver.requests()).hasSize(7);
            JsonNode critical = DocumentedFormats.pagerDutyEvent(request(receiver, "/pd-errors"));
            assertThat(critical.path("payload").path("severity").asText()).isEqualTo("critical");
            assertThat(critical.path("payload").path("group").asText()).isEqualTo("team 'beta'");
            JsonNode warning = DocumentedFormats.pagerDutyEvent(request(receiver, "/pd-alpha-key"));
            assertThat(warning.path("payload").path("group").asText()).isEqualTo("customer 'acme'");
            assertThat(DocumentedFormats.facts(DocumentedFormats.teamsCard(request(receiver, "/acme"))))
                    .contains("owners=virtual key 'alpha-key' › team 'alpha' › customer 'acme'");
        }
    }

    /** A node whose key {@code paged} has a soft $0.015 budget (one chat: 80%), alerting PagerDuty and Teams. */
    private static String pagedKeyConfig(FakeUpstream receiver, String extraAlertLines) {
        return MOCK_PROVIDER + """
                governance:
                  virtual_keys:
                    - { name: paged, value: %s, budgets: [ { max_limit: 0.015, reset_duration: 1d, mode: soft } ] }
                alerts:
                  thresholds: [50, 80, 100]
                  check_interval_ms: 100
                %s  pagerduty:
                    - { routing_key: "${PD_ROUTING_KEY}", url: "%s/v2/enqueue", source: tollgate-it }
                  teams: [ { url: "%s%s" } ]
                """.formatted(KEY, extraAlertLines, receiver.url(), receiver.url(), TEAMS_PATH);
    }

    private static void chat(NodeHarness node, String key) {
        HttpResponse<String> response = node.post("/v1/chat/completions", NodeClient.CHAT,
                "authorization", "Bearer " + key);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static FakeUpstream.Recorded request(FakeUpstream receiver, String path) {
        return receiver.requests().stream().filter(request -> request.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("nothing was posted to " + path));
    }

    private static List<String> paths(FakeUpstream receiver) {
        return receiver.requests().stream().map(FakeUpstream.Recorded::path).toList();
    }

    private static String dedupKey(FakeUpstream.Recorded request) {
        return DocumentedFormats.pagerDutyEvent(request).path("dedup_key").asText();
    }
}
