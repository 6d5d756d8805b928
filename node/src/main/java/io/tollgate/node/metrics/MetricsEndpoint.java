package io.tollgate.node.metrics;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.tollgate.adapters.GatewayException;
import io.tollgate.cluster.access.Role;
import io.tollgate.node.admin.AccessControl;
import io.tollgate.node.admin.Principal;

/**
 * {@code GET /metrics}: the Prometheus text, behind an admin API token like the management API (the listener also
 * serves clients, and the labels name budgets' owners and provider keys): any role, but not a token scoped to a
 * customer or team (the metrics cover every owner). Prometheus sends the token with
 * {@code authorization: { credentials: ... }}. Refusals are plain text with their status (401, 403, 429).
 */
public final class MetricsEndpoint {

    /** The path. */
    public static final String PATH = "/metrics";

    private final GatewayMetrics metrics;
    private final AccessControl access;

    private MetricsEndpoint(GatewayMetrics metrics, AccessControl access) {
        this.metrics = metrics;
        this.access = access;
    }

    /** Adds {@code GET /metrics} serving these metrics to the routing, guarded by {@code access}. */
    public static void register(HttpRouting.Builder routing, GatewayMetrics metrics, AccessControl access) {
        MetricsEndpoint endpoint = new MetricsEndpoint(metrics, access);
        routing.get(PATH, endpoint::handle);
    }

    private void handle(ServerRequest req, ServerResponse res) {
        try {
            Principal principal = access.check(req, "metrics", Role.VIEWER);
            access.requireUnscoped(principal, "metrics", "read the metrics of the whole gateway");
        } catch (GatewayException refused) {
            refused.retryAfter().ifPresent(after -> res.header(HeaderNames.RETRY_AFTER,
                    Long.toString(after.toSeconds())));
            if (refused.status() == 401) {
                res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
            }
            res.status(refused.status()).send(refused.getMessage() + "\n");
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, GatewayMetrics.contentType()).send(metrics.scrape());
    }
}
