package io.tollgate.node.pipeline;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.SseEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@code POST /v1/responses} answered, as far as storing it needs: the Response's id, and for a Response the
 * gateway made itself (translated, its id the gateway's) the whole object. A streamed answer is watched event by
 * event without parsing more than the stream's first {@code response.created} event (for the id) and, only for the
 * gateway's own Responses, its terminal event; a whole answer's id is read from the body's first fields. Used by one
 * request's thread.
 */
final class ResponseCapture {

    private static final Set<String> TERMINAL = Set.of("response.completed", "response.incomplete");

    private final String gatewayId;
    private String id;
    private String terminal;

    /** @param gatewayId the id the gateway gives the Response when it makes it itself ({@code resp_} and a base) */
    ResponseCapture(String gatewayId) {
        this.gatewayId = gatewayId;
    }

    /** Watches one event streamed to the client. */
    void onEvent(SseEvent event) {
        if (id == null && (event.event().equals("response.created")
                || !event.hasName() && event.data().contains("\"response.created\""))) {
            JsonNode created = Json.parseObject(event.data().getBytes(StandardCharsets.UTF_8));
            JsonNode responseId = created.path("response").path("id");
            if (responseId.isTextual()) {
                id = responseId.asText();
            }
        } else if (event.hasName() && TERMINAL.contains(event.event())) {
            terminal = event.data();
        }
    }

    /** The id the stream announced, if it did. */
    Optional<String> streamedId() {
        return Optional.ofNullable(id);
    }

    /** True when the Response is the gateway's own (translated), not the provider's. */
    boolean gatewayMade(String responseId) {
        return gatewayId.equals(responseId);
    }

    /** The gateway's own Response as the stream's terminal event carried it, when the stream completed. */
    Optional<String> streamedResponse() {
        if (terminal == null) {
            return Optional.empty();
        }
        JsonNode response = Json.parseObject(terminal.getBytes(StandardCharsets.UTF_8)).path("response");
        return response.isObject() ? Optional.of(Json.string(response)) : Optional.empty();
    }

    /** The top-level {@code id} of a whole Response, read without parsing the rest (an upstream's may be long). */
    static Optional<String> idOf(byte[] body) {
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("id")) {
                    return value == JsonToken.VALUE_STRING ? Optional.of(parser.getText()) : Optional.empty();
                }
                parser.skipChildren();
            }
            return Optional.empty();
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }
}
