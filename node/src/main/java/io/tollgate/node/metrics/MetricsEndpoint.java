package io.tollgate.node.metrics;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.tollgate.config.AdminConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * {@code GET /metrics}: the Prometheus text, behind the admin token like the management API (the listener also
 * serves clients, and the labels name budgets' owners and provider keys). Without a configured admin token the
 * endpoint answers 401 to everyone. Prometheus sends the token with {@code authorization: { credentials: ... }}.
 */
public final class MetricsEndpoint {

    /** The path. */
    public static final String PATH = "/metrics";

    private final GatewayMetrics metrics;
    private final Optional<byte[]> token;

    private MetricsEndpoint(GatewayMetrics metrics, AdminConfig admin) {
        this.metrics = metrics;
        this.token = admin.token().map(secret -> secret.reveal().getBytes(StandardCharsets.UTF_8));
    }

    /** Adds {@code GET /metrics} serving these metrics to the routing, guarded by the admin token. */
    public static void register(HttpRouting.Builder routing, GatewayMetrics metrics, AdminConfig admin) {
        MetricsEndpoint endpoint = new MetricsEndpoint(metrics, admin);
        routing.get(PATH, endpoint::handle);
    }

    private void handle(ServerRequest req, ServerResponse res) {
        if (!authorized(req.headers().first(HeaderNames.AUTHORIZATION))) {
            res.status(Status.UNAUTHORIZED_401).header(HeaderNames.WWW_AUTHENTICATE, "Bearer")
                    .send(token.isEmpty() ? "metrics are disabled: no admin token is configured\n"
                            : "send the admin token as 'Authorization: Bearer <admin token>'\n");
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, GatewayMetrics.contentType()).send(metrics.scrape());
    }

    private boolean authorized(Optional<String> authorization) {
        Optional<String> bearer = authorization.map(String::trim)
                .filter(value -> value.length() > 7 && value.substring(0, 7).equalsIgnoreCase("Bearer "))
                .map(value -> value.substring(7).trim());
        return token.isPresent() && bearer.isPresent()
                && MessageDigest.isEqual(token.get(), bearer.get().getBytes(StandardCharsets.UTF_8));
    }
}
