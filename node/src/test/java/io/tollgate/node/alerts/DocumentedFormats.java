package io.tollgate.node.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.node.testing.FakeUpstream;
import io.tollgate.node.testing.NodeClient;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a request a receiver got against the format its service documents, field by field and type by type.
 *
 * <ul>
 *   <li>PagerDuty, "Send an Alert Event" (developer.pagerduty.com/docs/events-api-v2/trigger-events): required
 *       {@code routing_key} (the 32-character integration key), {@code event_action} (trigger, acknowledge or
 *       resolve), {@code payload.summary} (at most 1024 characters), {@code payload.source},
 *       {@code payload.severity} (critical, error, warning, info); optional {@code dedup_key} (at most 255),
 *       {@code payload.timestamp} (ISO 8601), {@code component}, {@code group}, {@code class} (strings),
 *       {@code custom_details} (an object), {@code images}, {@code links}, {@code client}, {@code client_url}.</li>
 *   <li>Teams, "Send Adaptive Cards using an incoming webhook" (learn.microsoft.com/microsoftteams/platform/
 *       webhooks-and-connectors/how-to/connectors-using): {@code type} must be {@code message};
 *       {@code attachments} holds the cards, each with {@code contentType}
 *       {@code application/vnd.microsoft.card.adaptive}, {@code contentUrl} null and the card as {@code content}
 *       ({@code $schema}, {@code type: AdaptiveCard}, {@code version}, {@code body}); TextBlock needs {@code text},
 *       a FactSet's facts need string {@code title} and {@code value} (adaptivecards.io schema).</li>
 * </ul>
 */
final class DocumentedFormats {

    private static final Set<String> EVENT_FIELDS = Set.of("routing_key", "event_action", "dedup_key", "payload",
            "images", "links", "client", "client_url");
    private static final Set<String> PAYLOAD_FIELDS = Set.of("summary", "source", "severity", "timestamp",
            "component", "group", "class", "custom_details");

    private DocumentedFormats() {
    }

    /** Checks a PagerDuty alert event and returns its body. */
    static JsonNode pagerDutyEvent(FakeUpstream.Recorded request) {
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.headers().get("content-type")).startsWith("application/json");
        JsonNode event = NodeClient.parse(request.body());
        assertThat(names(event)).as("only documented fields").isSubsetOf(EVENT_FIELDS);
        assertThat(event.path("routing_key").isTextual()).as("routing_key, a string").isTrue();
        assertThat(event.path("routing_key").asText()).hasSize(32);
        assertThat(event.path("event_action").asText()).isIn("trigger", "acknowledge", "resolve");
        assertThat(event.path("dedup_key").isTextual()).as("dedup_key, a string").isTrue();
        assertThat(event.path("dedup_key").asText()).isNotBlank().hasSizeLessThanOrEqualTo(255);
        JsonNode payload = event.path("payload");
        assertThat(payload.isObject()).as("payload, an object").isTrue();
        assertThat(names(payload)).as("only documented payload fields").isSubsetOf(PAYLOAD_FIELDS);
        for (String field : List.of("summary", "source", "severity", "timestamp", "component", "group", "class")) {
            assertThat(payload.path(field).isTextual()).as("payload." + field + ", a string").isTrue();
        }
        assertThat(payload.path("summary").asText()).isNotBlank().hasSizeLessThanOrEqualTo(1024);
        assertThat(payload.path("source").asText()).isNotBlank();
        assertThat(payload.path("severity").asText()).isIn("critical", "error", "warning", "info");
        assertThat(OffsetDateTime.parse(payload.path("timestamp").asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .as("payload.timestamp, ISO 8601").isNotNull();
        assertThat(payload.path("custom_details").isObject()).as("payload.custom_details, an object").isTrue();
        return event;
    }

    /** Checks a Teams incoming-webhook message with Adaptive Cards and returns its first card. */
    static JsonNode teamsCard(FakeUpstream.Recorded request) {
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.headers().get("content-type")).startsWith("application/json");
        JsonNode message = NodeClient.parse(request.body());
        assertThat(message.path("type").asText()).isEqualTo("message");
        assertThat(message.path("attachments").isArray()).as("attachments, a list").isTrue();
        assertThat(message.path("attachments")).isNotEmpty();
        for (JsonNode attachment : message.path("attachments")) {
            assertThat(attachment.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
            assertThat(attachment.has("contentUrl") && attachment.get("contentUrl").isNull())
                    .as("contentUrl, null").isTrue();
            JsonNode card = attachment.path("content");
            assertThat(card.path("$schema").asText()).isEqualTo("http://adaptivecards.io/schemas/adaptive-card.json");
            assertThat(card.path("type").asText()).isEqualTo("AdaptiveCard");
            assertThat(card.path("version").asText()).matches("1\\.[0-6]");
            assertThat(card.path("body").isArray()).as("body, a list").isTrue();
            assertThat(card.path("body")).isNotEmpty().allSatisfy(element -> {
                assertThat(element.path("type").asText()).isIn("TextBlock", "FactSet");
                if (element.path("type").asText().equals("TextBlock")) {
                    assertThat(element.path("text").isTextual()).as("TextBlock.text, a string").isTrue();
                } else {
                    assertThat(element.path("facts")).isNotEmpty().allSatisfy(fact -> {
                        assertThat(fact.path("title").isTextual()).as("Fact.title, a string").isTrue();
                        assertThat(fact.path("value").isTextual()).as("Fact.value, a string").isTrue();
                    });
                }
            });
        }
        return message.path("attachments").get(0).path("content");
    }

    /** The card's facts as {@code title=value} lines. */
    static List<String> facts(JsonNode card) {
        List<String> facts = new ArrayList<>();
        for (JsonNode element : card.path("body")) {
            element.path("facts").forEach(fact -> facts.add(fact.path("title").asText() + "="
                    + fact.path("value").asText()));
        }
        return facts;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
