package io.tollgate.node.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Json;
import io.tollgate.config.AlertsConfig;
import java.io.IOException;
import java.net.http.HttpClient;
import java.util.stream.Collectors;

/**
 * A Microsoft Teams channel's incoming webhook: one message per alert with an Adaptive Card, in the shape Microsoft's
 * "Send Adaptive Cards using an incoming webhook" documents (learn.microsoft.com/microsoftteams/platform/
 * webhooks-and-connectors/how-to/connectors-using): {@code type: message}, one attachment of content type
 * {@code application/vnd.microsoft.card.adaptive} with {@code contentUrl: null} and the card as {@code content}
 * ({@code $schema}, {@code type: AdaptiveCard}, {@code version: 1.2}, {@code body}). Workflows webhooks take the
 * same message. The card holds the alert's subject as its title, its text, and its fields as a {@code FactSet}.
 *
 * <p>Any 2xx is delivered, except an answer whose body says "Microsoft Teams endpoint returned HTTP error 429":
 * connectors answer throttling that way rather than with a 429 (same page), so it is retried like any failure.
 *
 * @param config the webhook
 * @param http the client, which the caller owns and closes
 */
record TeamsChannel(AlertsConfig.Teams config, HttpClient http) implements AlertChannel {

    /** The card version of Microsoft's example; TextBlock and FactSet are 1.0 elements. */
    static final String CARD_VERSION = "1.2";
    private static final String THROTTLED = "HTTP error 429";

    @Override
    public String describe() {
        return "Teams webhook " + config.url().getHost();
    }

    @Override
    public void deliver(Alert alert) throws IOException {
        AlertPost answer = AlertPost.send(http, config.url(), Json.bytes(message(alert)));
        if (!answer.ok()) {
            throw new IOException("status " + answer.status());
        }
        if (answer.head().contains(THROTTLED)) {
            throw new IOException("status " + answer.status() + " reporting HTTP error 429 (throttled)");
        }
    }

    /** The message for {@code alert}, as posted. */
    static ObjectNode message(Alert alert) {
        ObjectNode message = Json.object();
        message.put("type", "message");
        ObjectNode attachment = message.putArray("attachments").addObject();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.putNull("contentUrl");
        ObjectNode card = attachment.putObject("content");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", CARD_VERSION);
        ArrayNode body = card.putArray("body");
        body.addObject().put("type", "TextBlock").put("text", alert.subject()).put("size", "Medium")
                .put("weight", "Bolder").put("color", color(alert)).put("wrap", true);
        body.addObject().put("type", "TextBlock").put("text", alert.text()).put("wrap", true);
        ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
        alert.json().properties().forEach(field -> {
            JsonNode value = field.getValue();
            if (value.isValueNode()) {
                facts.addObject().put("title", field.getKey()).put("value", value.isNull() ? "none" : value.asText());
            }
        });
        if (!alert.owners().isEmpty()) {
            facts.addObject().put("title", "owners").put("value", alert.owners().stream().map(AlertOwner::label)
                    .collect(Collectors.joining(" › ")));
        }
        return message;
    }

    /** The title's colour: attention for critical and error, warning for warning, the default for info. */
    private static String color(Alert alert) {
        return switch (alert.severity()) {
            case CRITICAL, ERROR -> "Attention";
            case WARNING -> "Warning";
            case INFO -> "Default";
        };
    }
}
