package io.tollgate.node.admin;

import io.tollgate.cluster.access.AdminToken;
import io.tollgate.cluster.access.Role;
import io.tollgate.cluster.access.TokenScope;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is calling the management API: the configured bootstrap token or a token created through the API.
 *
 * @param id the token's id ({@code bootstrap} for the configured one), what audit rows name
 * @param name the token's name
 * @param role what it may do
 * @param scope the part of the hierarchy it is limited to; empty for all of it
 */
public record Principal(String id, String name, Role role, Optional<TokenScope> scope) {

    /** The token from {@code admin.token}: an unscoped admin. */
    public static final Principal BOOTSTRAP = new Principal("bootstrap", "admin.token (configuration)", Role.ADMIN,
            Optional.empty());

    public Principal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(scope, "scope");
    }

    /** The principal of a stored token. */
    static Principal of(AdminToken token) {
        return new Principal(token.id(), token.name(), token.role(), token.scope());
    }
}
