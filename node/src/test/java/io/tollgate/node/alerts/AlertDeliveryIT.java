package io.tollgate.node.alerts;

import static io.tollgate.node.alerts.AlertPayloadsTest.ROUTING_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.cluster.ledger.CounterKind;
import io.tollgate.cluster.ledger.CounterView;
import io.tollgate.cluster.ledger.Level;
import io.tollgate.config.AlertRoute;
import io.tollgate.config.AlertSeverity;
import io.tollgate.config.AlertsConfig;
import io.tollgate.config.Secret;
import io.tollgate.node.testing.CapturedLogs;
import io.tollgate.node.testing.FakeUpstream;
import io.tollgate.node.testing.FakeUpstream.Reply;
import io.tollgate.node.testing.MemoryAlertClaims;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Deliveries to PagerDuty and Teams receivers on loopback ports, from {@link BudgetAlerts} with claims in memory:
 * PagerDuty's answers are handled as its overview's table says (400 never retried, 429 and 5xx retried until 202),
 * Teams' "HTTP error 429" in a 200 is retried, a channel whose minimum severity is above the alert's never hears of
 * it, and the alert counts as delivered once every channel that takes it took it.
 */
@Timeout(60)
class AlertDeliveryIT {

    private static final Instant RESET = Instant.parse("2026-12-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);
    private static final String PAGERDUTY_400 = "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
            + "\"errors\":[\"Length of 'routing_key' is incorrect (should be 32 characters)\"]}";
    private static final String PAGERDUTY_202 = "{\"status\":\"success\",\"message\":\"Event processed\","
            + "\"dedup_key\":\"x\"}";

    @Test
    void shouldNotRetryAnEventPagerDutyRefusedAsInvalid() {
        MemoryAlertClaims claims = new MemoryAlertClaims();
        try (FakeUpstream receiver = FakeUpstream.start();
             CapturedLogs logs = CapturedLogs.install("io.tollgate.node.alerts")) {
            receiver.on("/v2/enqueue", Reply.json(400, PAGERDUTY_400));
            try (BudgetAlerts alerts = BudgetAlerts.create(config(receiver, AlertRoute.ALL, List.of()),
                    () -> List.of(budget(10_000_000_000L)), claims, CLOCK)) {
                assertThat(alerts.check()).isEqualTo(1);
                alerts.awaitDeliveries(Duration.ofSeconds(10));
            }

            assertThat(receiver.requests()).as("refused for good: asked once of 4 attempts").hasSize(1);
            assertThat(claims.delivered()).isEmpty();
            assertThat(logs.lines()).anySatisfy(line -> assertThat(line).contains("refused by PagerDuty 127.0.0.1",
                    "status 400"));
            assertThat(logs.lines()).noneSatisfy(line -> assertThat(line).contains(ROUTING_KEY));
        }
    }

    @Test
    void shouldRetryThrottledAndFailedEventsUntilPagerDutyAcceptsThem() {
        MemoryAlertClaims claims = new MemoryAlertClaims();
        try (FakeUpstream receiver = FakeUpstream.start()) {
            Iterator<Reply> answers = List.of(Reply.json(429, "{}"), Reply.json(503, "{}"),
                    Reply.json(202, PAGERDUTY_202)).iterator();
            receiver.on("/v2/enqueue", exchange -> answers.next().write(exchange));
            try (BudgetAlerts alerts = BudgetAlerts.create(config(receiver, AlertRoute.ALL, List.of()),
                    () -> List.of(budget(9_200_000_000L)), claims, CLOCK)) {
                assertThat(alerts.check()).isEqualTo(1);
                alerts.awaitDeliveries(Duration.ofSeconds(20));
            }

            assertThat(receiver.requests()).hasSize(3);
            assertThat(receiver.requests()).map(request -> DocumentedFormats.pagerDutyEvent(request)
                    .path("dedup_key").asText()).containsOnly("tollgate:budget:team:team_search:" + RESET + ":90");
            assertThat(claims.delivered()).containsExactly("budget:team:team_search:" + RESET + ":90");
        }
    }

    @Test
    void shouldSendAWarningOnlyToChannelsThatTakeItAndCountItDeliveredWhenTheyTookIt() {
        MemoryAlertClaims claims = new MemoryAlertClaims();
        try (FakeUpstream receiver = FakeUpstream.start()) {
            receiver.on("/v2/enqueue", Reply.json(202, PAGERDUTY_202));
            Iterator<Reply> teamsAnswers = List.of(
                    Reply.json(200, "Webhook message delivery failed with error: Microsoft Teams endpoint returned "
                            + "HTTP error 429 with ContextId tcid=0,server=msgapi,cv=x"),
                    Reply.json(202, "")).iterator();
            receiver.on("/teams", exchange -> teamsAnswers.next().write(exchange));
            AlertsConfig config = config(receiver, new AlertRoute(AlertSeverity.ERROR, List.of()),
                    List.of(new AlertsConfig.Teams(URI.create(receiver.url() + "/teams"),
                            new AlertRoute(AlertSeverity.WARNING, List.of()))));
            try (BudgetAlerts alerts = BudgetAlerts.create(config, () -> List.of(budget(8_500_000_000L)), claims,
                    CLOCK)) {
                assertThat(alerts.check()).isEqualTo(1);
                alerts.awaitDeliveries(Duration.ofSeconds(20));
            }

            assertThat(receiver.requests()).as("PagerDuty takes errors and above; the 80% alert is a warning")
                    .map(FakeUpstream.Recorded::path).containsExactly("/teams", "/teams");
            assertThat(DocumentedFormats.facts(DocumentedFormats.teamsCard(receiver.last())))
                    .contains("severity=warning", "threshold_percent=80", "owner_name=search");
            assertThat(claims.delivered()).as("the one channel that takes it took it, on its second try")
                    .containsExactly("budget:team:team_search:" + RESET + ":80");
        }
    }

    private static AlertsConfig config(FakeUpstream receiver, AlertRoute pagerDutyRoute,
                                       List<AlertsConfig.Teams> teams) {
        return new AlertsConfig(List.of(50, 80, 90, 100), 60_000, 4, List.of(), Optional.empty(), Optional.empty(),
                List.of(new AlertsConfig.PagerDuty(new Secret(ROUTING_KEY), URI.create(receiver.url() + "/v2/enqueue"),
                        "tollgate-test", pagerDutyRoute)), teams);
    }

    private static BudgetState budget(long usedNanos) {
        return new BudgetState(new CounterView("team:team_search", CounterKind.BUDGET, Level.TEAM, "team_search",
                10_000_000_000L, usedNanos, 0, 0, Optional.of(RESET), true), "search");
    }
}
