package io.tollgate.node.alerts;

import static io.tollgate.node.alerts.AlertRoutingTest.ALPHA_PARENTS;
import static io.tollgate.node.alerts.AlertRoutingTest.NOW;
import static io.tollgate.node.alerts.AlertRoutingTest.RESET;
import static io.tollgate.node.alerts.AlertRoutingTest.keyBudget;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.config.AlertRoute;
import io.tollgate.config.AlertSeverity;
import io.tollgate.config.AlertsConfig;
import io.tollgate.config.Secret;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The PagerDuty event and the Teams message built from an alert, without sockets: the dedup key follows the
 * alert's identity (budget, period, threshold) and nothing else, and stays within PagerDuty's limits. The documented
 * formats themselves are checked at a receiver in {@code AlertChannelsIT}.
 */
class AlertPayloadsTest {

    static final String ROUTING_KEY = "R0ut1ngKeyOfThirtyTwoCharacters0";
    private static final AlertsConfig.PagerDuty SERVICE = new AlertsConfig.PagerDuty(new Secret(ROUTING_KEY),
            AlertsConfig.PagerDuty.EVENTS_URL, "gateway-eu", AlertRoute.ALL);
    private static final String COUNTER = "vk:vk_search000000000:1d";

    @Test
    void shouldGiveTheSameAlertTheSameDedupKeyWhateverItsFiguresOrTime() {
        Alert first = Alert.budget(keyBudget(COUNTER, 8_100_000_000L, RESET), 80, ALPHA_PARENTS, NOW);
        Alert again = Alert.budget(keyBudget(COUNTER, 8_900_000_000L, RESET), 80, List.of(), NOW.plusSeconds(3600));
        Alert higher = Alert.budget(keyBudget(COUNTER, 9_100_000_000L, RESET), 90, ALPHA_PARENTS, NOW);
        Alert nextPeriod = Alert.budget(keyBudget(COUNTER, 8_100_000_000L, RESET.plusSeconds(86_400)), 80,
                ALPHA_PARENTS, NOW.plusSeconds(86_400));
        Alert otherBudget = Alert.budget(keyBudget(COUNTER + "x", 8_100_000_000L, RESET), 80, ALPHA_PARENTS, NOW);

        String key = dedupKey(first);
        assertThat(dedupKey(again)).isEqualTo(key);
        assertThat(List.of(dedupKey(higher), dedupKey(nextPeriod), dedupKey(otherBudget))).doesNotContain(key)
                .doesNotHaveDuplicates();
        assertThat(key).isEqualTo("tollgate:budget:" + COUNTER + ":" + RESET + ":80");
    }

    @Test
    void shouldKeepDedupKeysAndSummariesWithinPagerDutysLimits() {
        String longId = "vk:" + "k".repeat(300);
        String a = PagerDutyChannel.dedupKey("budget:" + longId + ":a");
        String b = PagerDutyChannel.dedupKey("budget:" + longId + ":b");

        assertThat(a).hasSizeLessThanOrEqualTo(255).startsWith("tollgate:budget:vk:kkk").isNotEqualTo(b);
        assertThat(PagerDutyChannel.dedupKey("budget:" + longId + ":a")).as("stable").isEqualTo(a);

        Alert wordy = new Alert("k", AlertSeverity.INFO, "x", List.of(), NOW, AlertRoutingTest.keyAlert(50).json(),
                "ab".repeat(600) + "\uD83D\uDCB8", "s");
        String summary = event(wordy).path("payload").path("summary").asText();
        assertThat(summary).hasSize(1024).endsWith("…");
        String emoji = PagerDutyChannel.cut("a".repeat(1022) + "\uD83D\uDCB8tail", 1024);
        assertThat(emoji).as("a surrogate pair is never split").isEqualTo("a".repeat(1022) + "…");
    }

    @Test
    void shouldFillEveryFieldOfATriggerEvent() {
        JsonNode event = event(AlertRoutingTest.keyAlert(90));
        JsonNode payload = event.path("payload");

        assertThat(event.path("routing_key").asText()).isEqualTo(ROUTING_KEY);
        assertThat(event.path("event_action").asText()).isEqualTo("trigger");
        assertThat(payload.path("severity").asText()).isEqualTo("error");
        assertThat(payload.path("source").asText()).isEqualTo("gateway-eu");
        assertThat(Instant.parse(payload.path("timestamp").asText())).isEqualTo(NOW);
        assertThat(payload.path("component").asText()).isEqualTo("budget of virtual key 'search-bot'");
        assertThat(payload.path("group").asText()).isEqualTo("customer 'acme'");
        assertThat(payload.path("class").asText()).isEqualTo("budget_threshold");
        assertThat(payload.path("custom_details").path("threshold_percent").asInt()).isEqualTo(90);
        assertThat(event(Alert.deadKey(new DeadKey("openai", "primary", "401", NOW), NOW)).path("payload")
                .path("group").asText()).isEqualTo("cluster");
        assertThat(new PagerDutyChannel(SERVICE, null).describe()).isEqualTo("PagerDuty events.pagerduty.com");
    }

    @Test
    void shouldPutTheAlertOnAnAdaptiveCard() {
        ObjectNode message = TeamsChannel.message(AlertRoutingTest.keyAlert(100));
        JsonNode card = message.path("attachments").get(0).path("content");
        JsonNode facts = card.path("body").get(2).path("facts");

        assertThat(card.path("body").get(0).path("text").asText())
                .isEqualTo("Tollgate alert: virtual key budget of 'search-bot' at 100%");
        assertThat(card.path("body").get(0).path("color").asText()).isEqualTo("Attention");
        assertThat(card.path("body").get(1).path("text").asText()).startsWith("Tollgate: the virtual key budget");
        assertThat(facts.findValuesAsText("title")).contains("type", "severity", "threshold_percent", "usage_usd",
                "resets_at", "owners").doesNotHaveDuplicates();
        assertThat(facts.get(facts.size() - 1).path("value").asText())
                .isEqualTo("virtual key 'search-bot' › team 'alpha' › customer 'acme'");
        assertThat(facts).allSatisfy(fact -> assertThat(fact.path("value").isTextual()).isTrue());
    }

    private static String dedupKey(Alert alert) {
        return event(alert).path("dedup_key").asText();
    }

    private static ObjectNode event(Alert alert) {
        return PagerDutyChannel.event(SERVICE, alert);
    }
}
