package io.tollgate.node.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;
import io.tollgate.cluster.access.AdminToken;
import io.tollgate.cluster.access.AdminTokens;
import io.tollgate.cluster.access.CreatedAdminToken;
import io.tollgate.cluster.access.Role;
import io.tollgate.cluster.access.TokenScope;
import io.tollgate.cluster.governance.GovernanceRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/tokens}: admin API tokens created ({@code {"name", "role", "customer_id" | "team_id"}}, the value
 * shown once in the answer), listed (never with values) and revoked. Only unscoped admins get here.
 */
final class TokenAdmin {

    private static final Set<String> FIELDS = Set.of("name", "role", "customer_id", "team_id");

    private final AdminTokens tokens;
    private final GovernanceRegistry registry;
    private final Clock clock;

    TokenAdmin(AdminTokens tokens, GovernanceRegistry registry, Clock clock) {
        this.tokens = tokens;
        this.registry = registry;
        this.clock = clock;
    }

    /** Creates a token for {@code creator}; the answer holds the value, the audit row does not. */
    CreatedAdminToken create(ObjectNode body, Principal creator) {
        body.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                throw GatewayException.invalid(field, "unknown field '" + field + "'; a token has name, role and "
                        + "optionally customer_id or team_id");
            }
        });
        String name = text(body, "name").orElseThrow(() -> GatewayException.invalid("name", "name is required"));
        if (name.isBlank() || name.length() > 100) {
            throw GatewayException.invalid("name", "name must be 1 to 100 characters");
        }
        Role role;
        try {
            role = Role.parse(text(body, "role").orElseThrow(() -> GatewayException.invalid("role",
                    "role is required: viewer, operator or admin")));
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalid("role", e.getMessage());
        }
        Optional<String> customer = text(body, "customer_id");
        Optional<String> team = text(body, "team_id");
        if (customer.isPresent() && team.isPresent()) {
            throw GatewayException.invalid("team_id", "a token is scoped to a customer or to a team, not both");
        }
        customer.filter(id -> registry.customer(id).isEmpty()).ifPresent(id -> {
            throw GatewayException.invalid("customer_id", "no customer with id '" + id + "'");
        });
        team.filter(id -> registry.team(id).isEmpty()).ifPresent(id -> {
            throw GatewayException.invalid("team_id", "no team with id '" + id + "'");
        });
        Optional<TokenScope> scope = customer.map(TokenScope::customer).or(() -> team.map(TokenScope::team));
        return tokens.create(name.strip(), role, scope, creator.id(), clock.instant());
    }

    /** Every token, oldest first. */
    List<AdminToken> list() {
        return tokens.list();
    }

    /** Revokes a token; 404 when there is none. */
    AdminToken revoke(String id) {
        return tokens.revoke(id, clock.instant()).orElseThrow(() -> GatewayException.of(ErrorKind.NOT_FOUND,
                "No admin token with id '" + id + "'."));
    }

    /** The token as the API shows it: no value, no hash. */
    static ObjectNode json(AdminToken token) {
        ObjectNode out = Json.object();
        out.put("id", token.id());
        out.put("name", token.name());
        out.put("role", token.role().wireName());
        token.scope().ifPresentOrElse(scope -> {
            ObjectNode node = out.putObject("scope");
            node.put("kind", scope.kind().wireName());
            node.put("id", scope.id());
        }, () -> out.putNull("scope"));
        out.put("created_at", token.createdAt().toString());
        out.put("created_by", token.createdBy());
        token.revokedAt().ifPresentOrElse(at -> out.put("revoked_at", at.toString()), () -> out.putNull("revoked_at"));
        out.put("active", token.active());
        return out;
    }

    private static Optional<String> text(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw GatewayException.invalid(field, field + " must be a string");
        }
        return Optional.of(node.asText());
    }
}
