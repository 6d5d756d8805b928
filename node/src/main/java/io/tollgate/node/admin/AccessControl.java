package io.tollgate.node.admin;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.cluster.access.AdminTokens;
import io.tollgate.cluster.access.Role;
import io.tollgate.config.AdminConfig;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may call the management API and the metrics endpoint. A bearer token is either the configured bootstrap token
 * (compared in constant time, no database read: it works while the database is down) or a token created through
 * the API ({@code tga-...}, looked up by its SHA-256 on every call, so a revocation holds on every node at once).
 * Failed authentications are limited per client address ({@link LoginThrottle}); every 401 and 403 is reported to
 * {@link Refusals} (the {@code tollgate_auth_refusals_total} metric). Thread-safe.
 */
public final class AccessControl {

    /** Where refusals are counted. */
    @FunctionalInterface
    public interface Refusals {
        /**
         * One refused call.
         *
         * @param api {@code management}, {@code metrics} or {@code inference}
         * @param status 401 or 403
         */
        void refused(String api, int status);
    }

    private final Optional<byte[]> bootstrap;
    private final AdminTokens tokens;
    private final Refusals refusals;
    private final LoginThrottle throttle;

    private AccessControl(AdminConfig admin, AdminTokens tokens, Refusals refusals, Clock clock) {
        this.bootstrap = admin.token().map(secret -> secret.reveal().getBytes(StandardCharsets.UTF_8));
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.refusals = Objects.requireNonNull(refusals, "refusals");
        this.throttle = new LoginThrottle(admin.loginFailuresPerMinute(), clock);
    }

    /**
     * Access control over the bootstrap token of {@code admin} and the stored {@code tokens}.
     *
     * @param refusals where 401s and 403s are counted
     * @param clock paces the per-address failure windows
     */
    public static AccessControl create(AdminConfig admin, AdminTokens tokens, Refusals refusals, Clock clock) {
        return new AccessControl(admin, tokens, refusals, clock);
    }

    /**
     * Authenticates a call and checks its role.
     *
     * @param api what is called, for the refusal counts: {@code management} or {@code metrics}
     * @param needed the least role the call needs
     * @return who is calling
     * @throws GatewayException 401 for a missing or unknown token, 403 for a role below {@code needed}, 429 for an
     *     address that failed too often this minute
     */
    public Principal check(ServerRequest req, String api, Role needed) {
        Principal principal = authenticate(req, api);
        if (!principal.role().covers(needed)) {
            refusals.refused(api, 403);
            throw GatewayException.of(ErrorKind.PERMISSION, "This needs the " + needed.wireName() + " role; the token '"
                    + principal.name() + "' has the " + principal.role().wireName() + " role.")
                    .withCode("insufficient_role");
        }
        return principal;
    }

    /** Refuses a scoped principal what only unscoped tokens may do (403, counted). */
    public void requireUnscoped(Principal principal, String api, String what) {
        if (principal.scope().isPresent()) {
            refusals.refused(api, 403);
            throw GatewayException.of(ErrorKind.PERMISSION, "A token scoped to " + principal.scope().get()
                    + " cannot " + what + ".").withCode("outside_token_scope");
        }
    }

    /** Counts a 403 decided elsewhere (a scoped token reaching outside its scope). */
    void refusedOutsideScope(String api) {
        refusals.refused(api, 403);
    }

    private Principal authenticate(ServerRequest req, String api) {
        String address = clientAddress(req);
        if (throttle.blocked(address)) {
            long seconds = throttle.retryAfterSeconds();
            throw GatewayException.of(ErrorKind.RATE_LIMITED, "Too many failed authentications from " + address
                    + "; try again in " + seconds + " s.").withCode("too_many_login_failures")
                    .withRetryAfter(Duration.ofSeconds(seconds));
        }
        String presented = req.headers().first(HeaderNames.AUTHORIZATION).map(String::trim)
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> value.substring(7).trim())
                .orElse("");
        if (bootstrap.isPresent() && MessageDigest.isEqual(bootstrap.get(),
                presented.getBytes(StandardCharsets.UTF_8))) {
            return Principal.BOOTSTRAP;
        }
        Optional<Principal> stored = presented.startsWith(AdminTokens.VALUE_PREFIX)
                ? tokens.authenticate(presented).map(Principal::of) : Optional.empty();
        if (stored.isPresent()) {
            return stored.get();
        }
        throttle.failed(address);
        refusals.refused(api, 401);
        if (presented.isEmpty() && bootstrap.isEmpty()) {
            throw GatewayException.of(ErrorKind.AUTHENTICATION, "Send an admin API token as 'Authorization: Bearer "
                    + "<token>'. No bootstrap token is configured (set TOLLGATE_ADMIN_TOKEN or admin.token).")
                    .withCode("admin_token_missing");
        }
        throw GatewayException.of(ErrorKind.AUTHENTICATION, "Send a valid admin API token as 'Authorization: Bearer "
                + "<token>'.").withCode("invalid_admin_token");
    }

    /** The address the call came from (the TCP peer; forwarding headers are not trusted). */
    static String clientAddress(ServerRequest req) {
        SocketAddress peer = req.remotePeer().address();
        if (peer instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(peer);
    }
}
