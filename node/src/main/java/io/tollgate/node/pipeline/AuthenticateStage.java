package io.tollgate.node.pipeline;

import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.cluster.governance.GovernanceRegistry;
import io.tollgate.cluster.governance.VirtualKey;
import java.time.Clock;
import java.util.Optional;

/**
 * Finds the request's virtual key: {@code x-tollgate-vk}, {@code x-bf-vk} (clients moving from Bifrost),
 * {@code Authorization: Bearer tg-...}, {@code x-api-key} (Anthropic SDKs) or {@code api-key}. With enforcement on
 * (the default) a request without a known, active, unexpired key is refused; with it off, requests without a key
 * pass ungoverned. The lookup is local: no grid round trip.
 */
public final class AuthenticateStage implements Stage {

    private final GovernanceRegistry registry;
    private final boolean enforce;
    private final Clock clock;

    private AuthenticateStage(GovernanceRegistry registry, boolean enforce, Clock clock) {
        this.registry = registry;
        this.enforce = enforce;
        this.clock = clock;
    }

    /** An authenticate stage over this registry. */
    public static AuthenticateStage create(GovernanceRegistry registry, boolean enforce, Clock clock) {
        return new AuthenticateStage(registry, enforce, clock);
    }

    @Override
    public void handle(Exchange exchange, Chain next) {
        Optional<String> presented = presented(exchange);
        if (presented.isEmpty()) {
            if (enforce) {
                throw notFound("Missing virtual key. Send it as 'Authorization: Bearer tg-...' (OpenAI SDKs), "
                        + "'x-api-key: tg-...' (Anthropic SDKs) or 'x-tollgate-vk: tg-...'.");
            }
            next.proceed(exchange);
            return;
        }
        VirtualKey key = registry.keyByValue(presented.get())
                .orElseThrow(() -> notFound("Unknown virtual key."));
        if (!key.active()) {
            throw blocked("Virtual key '" + key.name() + "' is disabled.");
        }
        if (key.expiresAt().isPresent() && !clock.instant().isBefore(key.expiresAt().get())) {
            throw blocked("Virtual key '" + key.name() + "' expired at " + key.expiresAt().get() + ".");
        }
        // a key under a team is attributed to the team's customer (a local view: no grid call)
        exchange.governed(Governed.of(key, key.customerId()
                .or(() -> key.teamId().flatMap(registry::team).flatMap(team -> team.customerId()))));
        next.proceed(exchange);
    }

    static Optional<String> presented(Exchange exchange) {
        return VirtualKeyHeaders.find(exchange::header);
    }

    private static GatewayException notFound(String message) {
        return GatewayException.of(ErrorKind.AUTHENTICATION, message).withCode("virtual_key_not_found");
    }

    private static GatewayException blocked(String message) {
        return GatewayException.of(ErrorKind.PERMISSION, message).withCode("virtual_key_blocked");
    }
}
