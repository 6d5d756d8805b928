package io.tollgate.adapters.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The input items of a Response the gateway made itself (its provider has no Responses API), as OpenAI's
 * {@code GET /responses/{id}/input_items} lists them: the request's {@code input} as items, each with an id (the
 * client's, else the gateway's), a text {@code input} as one user message, message text as content parts
 * ({@code input_text}, or {@code output_text} for the assistant's); and one page of them as a list object. Pure
 * functions; safe from any thread.
 */
public final class InputItems {

    /** The most items one page holds, and how many when the client does not say. */
    public static final int MAX_LIMIT = 100;
    public static final int DEFAULT_LIMIT = 20;

    private InputItems() {
    }

    /**
     * The input items of a Responses request, oldest first.
     *
     * @param request the client's Responses request
     * @param idBase the base of the ids given to items without one (unique per Response)
     */
    public static ArrayNode of(JsonNode request, String idBase) {
        ArrayNode items = Json.MAPPER.createArrayNode();
        JsonNode input = request.path("input");
        if (input.isTextual()) {
            items.add(message("msg_" + idBase + "_in0", "user", input));
            return items;
        }
        for (int i = 0; i < input.size(); i++) {
            JsonNode sent = input.get(i);
            if (!sent.isObject()) {
                continue;
            }
            ObjectNode item = ((ObjectNode) sent).deepCopy();
            String type = item.path("type").asText(item.has("role") ? "message" : "item");
            item.put("type", type);
            if (!item.path("id").isTextual()) {
                item.put("id", prefix(type) + idBase + "_in" + i);
            }
            if (type.equals("message")) {
                String role = item.path("role").asText("user");
                item.put("role", role);
                item.set("content", content(role, item.path("content")));
            }
            if (!item.path("status").isTextual() && !type.equals("reasoning")) {
                item.put("status", "completed");
            }
            items.add(item);
        }
        return items;
    }

    /**
     * One page of items, as OpenAI lists them: {@code {"object":"list","data":[...],"first_id","last_id","has_more"}}.
     *
     * @param items all the items, oldest first
     * @param limit how many at most, 1 to {@value #MAX_LIMIT}
     * @param ascending oldest first ({@code order=asc}) or newest first ({@code desc}, OpenAI's default)
     * @param after the id of the item the page starts after, in that order
     * @param before the id of the item the page ends before, in that order
     */
    public static ObjectNode page(JsonNode items, int limit, boolean ascending, Optional<String> after,
                                  Optional<String> before) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", was " + limit);
        }
        List<JsonNode> ordered = new ArrayList<>();
        items.forEach(ordered::add);
        if (!ascending) {
            java.util.Collections.reverse(ordered);
        }
        int from = after.map(id -> indexOf(ordered, id) + 1).orElse(0);
        int to = before.map(id -> indexOf(ordered, id)).filter(index -> index >= 0).orElse(ordered.size());
        if (after.isPresent() && from == 0) {
            from = ordered.size();   // an unknown cursor: nothing after it
        }
        ArrayNode data = Json.MAPPER.createArrayNode();
        for (int i = from; i < to && data.size() < limit; i++) {
            data.add(ordered.get(i).deepCopy());
        }
        ObjectNode page = Json.object();
        page.put("object", "list");
        page.set("data", data);
        if (data.isEmpty()) {
            page.putNull("first_id");
            page.putNull("last_id");
        } else {
            page.put("first_id", data.get(0).path("id").asText());
            page.put("last_id", data.get(data.size() - 1).path("id").asText());
        }
        page.put("has_more", from + data.size() < to);
        return page;
    }

    private static int indexOf(List<JsonNode> items, String id) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).path("id").asText().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static ObjectNode message(String id, String role, JsonNode content) {
        ObjectNode item = Json.object();
        item.put("id", id);
        item.put("type", "message");
        item.put("role", role);
        item.set("content", content(role, content));
        item.put("status", "completed");
        return item;
    }

    /** Message content as parts: a text becomes one text part of the role's kind. */
    private static JsonNode content(String role, JsonNode content) {
        if (!content.isTextual()) {
            return content.isArray() ? content.deepCopy() : Json.MAPPER.createArrayNode();
        }
        ArrayNode parts = Json.MAPPER.createArrayNode();
        if (role.equals("assistant")) {
            parts.add(ResponseObjects.outputText(content.asText()));
        } else {
            parts.addObject().put("type", "input_text").put("text", content.asText());
        }
        return parts;
    }

    private static String prefix(String type) {
        return switch (type) {
            case "message" -> "msg_";
            case "function_call" -> "fc_";
            case "function_call_output" -> "fco_";
            case "reasoning" -> "rs_";
            default -> "item_";
        };
    }
}
