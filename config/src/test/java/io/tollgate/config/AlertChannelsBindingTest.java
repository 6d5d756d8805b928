package io.tollgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PagerDuty and Teams channels and the routing keys every channel takes ({@code min_severity}, {@code owners}). */
class AlertChannelsBindingTest {

    private static final String ROUTING_KEY = "R0ut1ngKeyOfThirtyTwoCharacters0";
    private static final String TEAMS_PATH = "webhookb2/8c1d2f/IncomingWebhook/s3cr3t";

    @Test
    void shouldBindPagerDutyAndTeamsWithTheirRoutes() {
        AlertsConfig alerts = parse("""
                alerts:
                  pagerduty:
                    - { routing_key: "${PD_ROUTING_KEY}", min_severity: error }
                    - routing_key: %s
                      url: "http://127.0.0.1:9000/v2/enqueue"
                      source: gateway-eu
                      owners: [ { team: search }, { virtual_key: vk_0123456789abcdef } ]
                  teams:
                    - { url: "https://example.webhook.office.com/%s", owners: [ { customer: acme } ] }
                  webhooks:
                    - { url: "http://127.0.0.1:9000/hook", min_severity: warning }
                    - { url: "http://127.0.0.1:9000/all" }
                  email: { host: relay.local, from: a@b.c, to: [ops@b.c], owners: [ { team: team_0123 } ] }
                """.formatted(ROUTING_KEY, TEAMS_PATH), Map.of("PD_ROUTING_KEY", ROUTING_KEY));

        assertThat(alerts.pagerduty()).containsExactly(
                new AlertsConfig.PagerDuty(new Secret(ROUTING_KEY), AlertsConfig.PagerDuty.EVENTS_URL, "tollgate",
                        new AlertRoute(AlertSeverity.ERROR, List.of())),
                new AlertsConfig.PagerDuty(new Secret(ROUTING_KEY), URI.create("http://127.0.0.1:9000/v2/enqueue"),
                        "gateway-eu", new AlertRoute(AlertSeverity.INFO, List.of(
                                new AlertRoute.Owner(AlertRoute.Owner.Level.TEAM, "search"),
                                new AlertRoute.Owner(AlertRoute.Owner.Level.VIRTUAL_KEY, "vk_0123456789abcdef")))));
        assertThat(alerts.teams()).containsExactly(new AlertsConfig.Teams(
                URI.create("https://example.webhook.office.com/" + TEAMS_PATH), new AlertRoute(AlertSeverity.INFO,
                List.of(new AlertRoute.Owner(AlertRoute.Owner.Level.CUSTOMER, "acme")))));
        assertThat(alerts.webhooks()).extracting(AlertsConfig.Webhook::route).containsExactly(
                new AlertRoute(AlertSeverity.WARNING, List.of()), AlertRoute.ALL);
        assertThat(alerts.email().orElseThrow().route().owners())
                .containsExactly(new AlertRoute.Owner(AlertRoute.Owner.Level.TEAM, "team_0123"));
        assertThat(AlertsConfig.PagerDuty.EVENTS_URL).hasToString("https://events.pagerduty.com/v2/enqueue");
    }

    @Test
    void shouldNeverShowTheRoutingKeyOrTheTeamsUrlsPath() {
        AlertsConfig alerts = parse("""
                alerts:
                  pagerduty: [ { routing_key: %s } ]
                  teams: [ { url: "https://example.webhook.office.com/%s" } ]
                """.formatted(ROUTING_KEY, TEAMS_PATH), Map.of());

        assertThat(alerts.toString()).contains("routingKey=****", "https://example.webhook.office.com/****")
                .doesNotContain(ROUTING_KEY, ROUTING_KEY.substring(0, 8), ROUTING_KEY.substring(24), "s3cr3t");
        assertThatThrownBy(() -> parse("alerts: { teams: [ { url: \"ftp://example.com/" + TEAMS_PATH + "\" } ] }\n",
                Map.of())).hasMessageContaining("alerts.teams[0].url: must be an http or https URL, was a ftp URL")
                .message().doesNotContain("s3cr3t");
        assertThatThrownBy(() -> parse("alerts: { pagerduty: [ { routing_key: \"short-s3cr3t\" } ] }\n", Map.of()))
                .hasMessageContaining("alerts.pagerduty[0].routing_key: must be the integration key of 32 "
                        + "characters, was 12 characters").message().doesNotContain("s3cr3t");
    }

    @Test
    void shouldDefaultEveryChannelToEveryAlert() {
        AlertsConfig alerts = parse("""
                alerts:
                  webhooks: [ { url: "http://127.0.0.1:9000/hook" } ]
                  teams: [ { url: "https://example.webhook.office.com/x" } ]
                  email: { host: relay.local, from: a@b.c, to: [ops@b.c] }
                """, Map.of());

        assertThat(alerts.webhooks().getFirst().route()).isEqualTo(AlertRoute.ALL);
        assertThat(alerts.teams().getFirst().route()).isEqualTo(AlertRoute.ALL);
        assertThat(alerts.email().orElseThrow().route()).isEqualTo(AlertRoute.ALL);
        assertThat(alerts.pagerduty()).isEmpty();
        assertThat(alerts.hasHttpChannels()).isTrue();
        assertThat(AlertsConfig.DEFAULT.hasHttpChannels()).isFalse();
        assertThat(AlertSeverity.ERROR.atLeast(AlertSeverity.WARNING)).isTrue();
        assertThat(AlertSeverity.WARNING.atLeast(AlertSeverity.ERROR)).isFalse();
    }

    @Test
    void shouldNameThePathOfABadChannelValue() {
        assertThatThrownBy(() -> parse("alerts: { pagerduty: [ { routing_key: \"${PD_KEY}\" } ] }\n", Map.of()))
                .hasMessageContaining("alerts.pagerduty[0].routing_key: environment variable PD_KEY is not set");
        assertThatThrownBy(() -> parse("alerts: { pagerduty: [ { url: \"http://127.0.0.1:9/e\" } ] }\n", Map.of()))
                .hasMessageContaining("alerts.pagerduty[0].routing_key: is required");
        assertThatThrownBy(() -> parse("alerts: { pagerduty: [ { routing_key: " + ROUTING_KEY + ", severity: error }"
                + " ] }\n", Map.of())).hasMessageContaining("alerts.pagerduty[0]: unknown key 'severity'")
                .message().doesNotContain(ROUTING_KEY);
        assertThatThrownBy(() -> parse("alerts: { teams: [ { url: \"https://h/x\", min_severity: critcal } ] }\n",
                Map.of())).hasMessageContaining("alerts.teams[0].min_severity: must be one of info, warning, error, "
                + "critical, was \"critcal\", did you mean 'critical'?");
        assertThatThrownBy(() -> parse("alerts: { teams: [ { min_severity: error } ] }\n", Map.of()))
                .hasMessageContaining("alerts.teams[0].url: is required");
        assertThatThrownBy(() -> parse("alerts: { pagerduty: [ { routing_key: " + ROUTING_KEY + ", source: \" \" } ]"
                + " }\n", Map.of())).hasMessageContaining("alerts.pagerduty[0].source: must not be blank");
    }

    @Test
    void shouldNameThePathOfABadOwner() {
        assertThatThrownBy(() -> owners("[ { teem: search } ]"))
                .hasMessageContaining("alerts.webhooks[0].owners[0]: unknown key 'teem', did you mean 'team'?");
        assertThatThrownBy(() -> owners("[ { team: search }, { team: search, customer: acme } ]"))
                .hasMessageContaining("alerts.webhooks[0].owners[1]: must name exactly one owner: "
                        + "{customer: NAME_OR_ID}, {team: NAME_OR_ID} or {virtual_key: NAME_OR_ID}, was 2 entries");
        assertThatThrownBy(() -> owners("[]"))
                .hasMessageContaining("alerts.webhooks[0].owners: must list at least one owner");
        assertThatThrownBy(() -> owners("[ { virtual_key: \" \" } ]"))
                .hasMessageContaining("alerts.webhooks[0].owners[0].virtual_key: must not be blank");
        assertThatThrownBy(() -> owners("[ team ]"))
                .hasMessageContaining("alerts.webhooks[0].owners[0]: must be a map");
        assertThatThrownBy(() -> owners("{ team: search }"))
                .hasMessageContaining("alerts.webhooks[0].owners: must be a list");
    }

    private static AlertsConfig owners(String flow) {
        return parse("alerts: { webhooks: [ { url: \"http://127.0.0.1:9/h\", owners: " + flow + " } ] }\n", Map.of());
    }

    private static AlertsConfig parse(String yaml, Map<String, String> env) {
        return ConfigLoader.parse(yaml, "test", env).alerts();
    }
}
