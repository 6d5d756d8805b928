package io.tollgate.node.admin;

import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.cluster.access.TokenScope;
import io.tollgate.cluster.governance.GovernanceRegistry;
import io.tollgate.cluster.governance.OwnerLimits;
import io.tollgate.cluster.governance.Team;
import io.tollgate.cluster.governance.VirtualKey;
import java.util.Optional;

/**
 * What a token scoped to a customer or a team may see and change. It sees its scope's root (the customer or team)
 * and everything beneath it: a customer's teams and keys (its own and its teams'), a team's keys. It may change only
 * what lies beneath the root, never the root itself, so a delegated token cannot raise the budget it is held to.
 * An unscoped token sees and changes everything. Things outside the scope answer 404, as if they did not exist.
 */
final class Scopes {

    private final GovernanceRegistry registry;

    Scopes(GovernanceRegistry registry) {
        this.registry = registry;
    }

    /** Whether the principal sees the customer. */
    boolean seesCustomer(Principal principal, String customerId) {
        return principal.scope().map(scope -> scope.kind() == TokenScope.Kind.CUSTOMER
                && scope.id().equals(customerId)).orElse(true);
    }

    /** Whether the principal sees the team. */
    boolean seesTeam(Principal principal, Team team) {
        return principal.scope().map(scope -> scope.kind() == TokenScope.Kind.TEAM ? scope.id().equals(team.id())
                : team.customerId().filter(scope.id()::equals).isPresent()).orElse(true);
    }

    /** Whether the principal may change the team (it lies beneath a customer scope's root). */
    boolean changesTeam(Principal principal, Optional<String> customerId) {
        return principal.scope().map(scope -> scope.kind() == TokenScope.Kind.CUSTOMER
                && customerId.filter(scope.id()::equals).isPresent()).orElse(true);
    }

    /** Whether the principal sees (and may change) a key owned by this team or customer. */
    boolean seesKeyOwnedBy(Principal principal, Optional<String> teamId, Optional<String> customerId) {
        if (principal.scope().isEmpty()) {
            return true;
        }
        TokenScope scope = principal.scope().get();
        if (scope.kind() == TokenScope.Kind.TEAM) {
            return teamId.filter(scope.id()::equals).isPresent();
        }
        if (customerId.isPresent()) {
            return customerId.get().equals(scope.id());
        }
        return teamId.flatMap(registry::team).map(team -> seesTeam(principal, team)).orElse(false);
    }

    /** Whether the principal sees the key. */
    boolean seesKey(Principal principal, VirtualKey key) {
        return seesKeyOwnedBy(principal, key.teamId(), key.customerId());
    }

    /** Whether the principal sees the owner of these limits. */
    boolean seesLimits(Principal principal, OwnerLimits limits) {
        if (principal.scope().isEmpty()) {
            return true;
        }
        return switch (limits.level()) {
            case CUSTOMER -> seesCustomer(principal, limits.ownerId());
            case TEAM -> registry.team(limits.ownerId()).map(team -> seesTeam(principal, team)).orElse(false);
            case VIRTUAL_KEY -> registry.key(limits.ownerId()).map(key -> seesKey(principal, key)).orElse(false);
            case PROVIDER_CONFIG, END_USER -> registry.key(limits.ownerId().substring(0, Math.max(0,
                    limits.ownerId().indexOf('/')))).map(key -> seesKey(principal, key)).orElse(false);
            case TAG -> false;
        };
    }

    /** 404 for something outside the scope, worded as for something missing. */
    static GatewayException notFound(String what, String id) {
        return GatewayException.of(ErrorKind.NOT_FOUND, "No " + what + " with id '" + id + "'.");
    }
}
