package io.tollgate.node.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;
import io.tollgate.cluster.responses.ResponseStore;
import io.tollgate.cluster.responses.StoredResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code previous_response_id} naming a Response the gateway made itself: the conversation so far (that Response's
 * input items, which hold its own earlier conversation, then its output) goes before the new input, so that a
 * provider without the Responses API sees the whole conversation. A Response the provider keeps (native) is left to
 * the provider. Stateless.
 */
final class Conversations {

    /** What Response ids look like (as the routes on stored resources check them). */
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,200}");

    private Conversations() {
    }

    /**
     * The conversation before a continued Response, with the items' ids, when the gateway keeps the previous one.
     *
     * @throws GatewayException {@code invalid_request} on {@code previous_response_id} when no Response of that id
     *     was stored through the gateway with this virtual key
     */
    static Optional<ArrayNode> earlier(ResponseStore store, String previousId, Optional<String> owner) {
        Optional<StoredResponse> found = ID.matcher(previousId).matches() ? store.find(previousId) : Optional.empty();
        StoredResponse previous = found.filter(response -> response.virtualKeyId().equals(owner))
                .orElseThrow(() -> GatewayException.invalid("previous_response_id", "Previous response with id '"
                        + previousId.substring(0, Math.min(64, previousId.length())) + "' not found."));
        if (previous.local().isEmpty()) {
            return Optional.empty();
        }
        StoredResponse.Local local = previous.local().get();
        ArrayNode items = Json.MAPPER.createArrayNode();
        try {
            Json.MAPPER.readTree(local.inputItemsJson()).forEach(item -> items.add(item));
        } catch (IOException e) {
            throw new IllegalStateException("the stored input items of " + previousId + " cannot be read", e);
        }
        Json.parseObject(local.responseJson().getBytes(java.nio.charset.StandardCharsets.UTF_8)).path("output")
                .forEach(item -> items.add(item));
        return Optional.of(items);
    }

    /**
     * The request sent on: the earlier conversation (without item ids or reasoning items) before its input, no
     * previous id.
     */
    static ObjectNode continued(ObjectNode body, ArrayNode earlier) {
        ObjectNode sent = body.deepCopy();
        sent.remove("previous_response_id");
        ArrayNode input = Json.MAPPER.createArrayNode();
        for (JsonNode item : earlier) {
            if (item.path("type").asText().equals("reasoning")) {
                continue;   // another model's reasoning, without the provider's encrypted content: no provider reads it
            }
            ObjectNode copy = (ObjectNode) item.deepCopy();
            copy.remove("id");
            input.add(copy);
        }
        JsonNode asked = body.path("input");
        if (asked.isTextual()) {
            input.addObject().put("role", "user").put("content", asked.asText());
        } else {
            asked.forEach(item -> input.add(item.deepCopy()));
        }
        sent.set("input", input);
        return sent;
    }
}
