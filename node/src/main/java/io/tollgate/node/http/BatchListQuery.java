package io.tollgate.node.http;

import io.helidon.webserver.http.ServerRequest;
import io.tollgate.adapters.GatewayException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The query of a batch list ({@code GET /batches?limit=20&after=batch_abc}, Anthropic's {@code after_id}): checked
 * and passed on as {@code ?limit=N&after=ID} for the gateway to page the key's batches by. Stateless.
 */
final class BatchListQuery {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,200}");
    private static final Set<String> UNSUPPORTED = Set.of("before_id", "before");

    private BatchListQuery() {
    }

    /**
     * @param cursor the name of the parameter that pages forward ({@code after}, {@code after_id})
     * @param maxLimit the most a page may hold
     * @throws GatewayException {@code INVALID_REQUEST} for a limit out of range, a cursor that is no batch id, or
     *     paging backward
     */
    static String of(ServerRequest request, String cursor, int maxLimit) {
        var query = request.query();
        for (String name : UNSUPPORTED) {
            if (query.contains(name)) {
                throw GatewayException.invalid(name, "The gateway pages batches forward only; leave out '" + name
                        + "'.");
            }
        }
        StringBuilder out = new StringBuilder();
        if (query.contains("limit")) {
            int limit;
            try {
                limit = Integer.parseInt(query.get("limit"));
            } catch (NumberFormatException e) {
                limit = 0;
            }
            if (limit < 1 || limit > maxLimit) {
                throw GatewayException.invalid("limit", "limit must be a whole number from 1 to " + maxLimit + ".");
            }
            out.append("?limit=").append(limit);
        }
        if (query.contains(cursor)) {
            String id = query.get(cursor);
            if (!ID.matcher(id).matches()) {
                throw GatewayException.invalid(cursor, cursor + " must be a batch id.");
            }
            out.append(out.isEmpty() ? '?' : '&').append(cursor).append('=').append(id);
        }
        return out.toString();
    }
}
