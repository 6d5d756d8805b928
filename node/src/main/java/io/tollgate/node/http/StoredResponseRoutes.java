package io.tollgate.node.http;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Operation;
import io.tollgate.adapters.responses.InputItems;
import io.tollgate.node.pipeline.Pipeline;
import io.tollgate.node.pipeline.ResourceCall;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The routes on stored Responses ({@code GET /v1/responses/{id}}, {@code GET /v1/responses/{id}/input_items},
 * {@code DELETE /v1/responses/{id}}), governed like any inference route, and the query each passes on: checked
 * values only, encoded again ({@code include} for both reads; {@code limit}, {@code order}, {@code after} and
 * {@code before} for the input items). Other query parameters are dropped; {@code stream} is refused, since the
 * gateway relays a stored Response whole.
 */
final class StoredResponseRoutes {

    private static final Pattern ITEM_ID = Pattern.compile("[A-Za-z0-9_-]{1,200}");
    private static final Pattern INCLUDABLE = Pattern.compile("[a-z_]+(\\.[a-z_]+)*");

    private StoredResponseRoutes() {
    }

    /** Adds the routes under {@code prefix} ({@code ""} or {@code /openai}). */
    static void register(HttpRouting.Builder routing, Pipeline pipeline, RequestBodies bodies, String prefix) {
        routing.get(prefix + "/v1/responses/{id}", handler(pipeline, bodies, ResourceCall.Kind.RESPONSE_GET, "GET",
                "/responses/{id}"));
        routing.get(prefix + "/v1/responses/{id}/input_items", handler(pipeline, bodies,
                ResourceCall.Kind.RESPONSE_INPUT_ITEMS, "GET", "/responses/{id}/input_items"));
        routing.delete(prefix + "/v1/responses/{id}", handler(pipeline, bodies, ResourceCall.Kind.RESPONSE_DELETE,
                "DELETE", "/responses/{id}"));
    }

    private static ApiHandler handler(Pipeline pipeline, RequestBodies bodies, ResourceCall.Kind kind, String method,
                                      String upstreamPath) {
        return new ApiHandler(Dialect.OPENAI, Operation.RESOURCE, pipeline, bodies, new ResourceEdge(kind,
                Dialect.OPENAI, method, upstreamPath, false, request -> query(kind, request)));
    }

    /** The query passed on for a call, {@code ?} and its encoded pairs, or empty. */
    static String query(ResourceCall.Kind kind, ServerRequest request) {
        if (kind == ResourceCall.Kind.RESPONSE_DELETE) {
            return "";
        }
        var query = request.query();
        StringBuilder out = new StringBuilder();
        if (query.contains("stream")) {
            throw GatewayException.invalid("stream", "The gateway reads stored Responses whole; leave out 'stream'.");
        }
        for (String include : query.all("include", List::of)) {
            add(out, "include", checked("include", include, INCLUDABLE, 100));
        }
        if (kind == ResourceCall.Kind.RESPONSE_INPUT_ITEMS) {
            if (query.contains("limit")) {
                add(out, "limit", Integer.toString(limit(query.get("limit"))));
            }
            if (query.contains("order")) {
                String order = query.get("order");
                if (!order.equals("asc") && !order.equals("desc")) {
                    throw GatewayException.invalid("order", "order must be 'asc' or 'desc', was '" + shown(order)
                            + "'.");
                }
                add(out, "order", order);
            }
            for (String cursor : new String[] {"after", "before"}) {
                if (query.contains(cursor)) {
                    add(out, cursor, checked(cursor, query.get(cursor), ITEM_ID, 200));
                }
            }
        }
        return out.toString();
    }

    private static int limit(String value) {
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= InputItems.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw GatewayException.invalid("limit", "limit must be a whole number from 1 to " + InputItems.MAX_LIMIT
                + ", was '" + shown(value) + "'.");
    }

    private static String checked(String name, String value, Pattern pattern, int maxLength) {
        if (value.length() > maxLength || !pattern.matcher(value).matches()) {
            throw GatewayException.invalid(name, name + " '" + shown(value) + "' is not a valid value.");
        }
        return value;
    }

    private static void add(StringBuilder out, String name, String value) {
        out.append(out.isEmpty() ? '?' : '&').append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    private static String shown(String value) {
        return value.substring(0, Math.min(64, value.length()));
    }
}
