package io.tollgate.node.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.responses.InputItems;
import io.tollgate.cluster.responses.ResponseStore;
import io.tollgate.cluster.responses.StoredResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's own answers about a Response it made itself (its provider has no Responses API), in OpenAI's
 * shapes: the Response object as the client first received it, a page of its input items ({@code limit},
 * {@code order}, {@code after}, {@code before} from the call's query, checked by the route's edge), or its deletion
 * ({@code {"id","object":"response","deleted":true}}). Stateless.
 */
final class LocalResponses {

    private LocalResponses() {
    }

    /** The answer to a call on a stored Response the gateway keeps. */
    static Exchange.Response answer(ResourceCall call, StoredResponse response, ResponseStore store) {
        StoredResponse.Local local = response.local().orElseThrow();
        return switch (call.kind()) {
            case RESPONSE_GET -> json(local.responseJson().getBytes(StandardCharsets.UTF_8));
            case RESPONSE_INPUT_ITEMS -> json(Json.bytes(inputItems(local, query(call.path()))));
            case RESPONSE_DELETE -> {
                store.delete(response.id());
                yield json(Json.bytes(Json.object().put("id", response.id()).put("object", "response")
                        .put("deleted", true)));
            }
            default -> throw new IllegalArgumentException("not a call on a stored response: " + call.kind());
        };
    }

    private static JsonNode inputItems(StoredResponse.Local local, Map<String, String> query) {
        JsonNode items;
        try {
            items = Json.MAPPER.readTree(local.inputItemsJson());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the stored input items cannot be read", e);
        }
        int limit = Optional.ofNullable(query.get("limit")).map(Integer::parseInt).orElse(InputItems.DEFAULT_LIMIT);
        boolean ascending = "asc".equals(query.get("order"));
        return InputItems.page(items, limit, ascending, Optional.ofNullable(query.get("after")),
                Optional.ofNullable(query.get("before")));
    }

    /** The query of an upstream path, decoded (the edge encoded it from checked values). */
    static Map<String, String> query(String path) {
        Map<String, String> query = new HashMap<>();
        int mark = path.indexOf('?');
        if (mark < 0) {
            return query;
        }
        for (String pair : path.substring(mark + 1).split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                query.putIfAbsent(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private static Exchange.Response json(byte[] body) {
        return new Exchange.Response(200, "application/json", body);
    }
}
