package io.tollgate.cluster.access;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An admin API token as stored: never its value, only the value's SHA-256 (kept out of this record).
 *
 * @param id the token's id ({@code tok_...}), what the audit log names it by
 * @param name what people call it
 * @param role what it may do
 * @param scope the part of the hierarchy it is limited to; empty for all of it
 * @param createdAt when it was created
 * @param createdBy the id of the token that created it
 * @param revokedAt when it was revoked; empty while it works
 */
public record AdminToken(String id, String name, Role role, Optional<TokenScope> scope, Instant createdAt,
                         String createdBy, Optional<Instant> revokedAt) {

    public AdminToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(revokedAt, "revokedAt");
    }

    /** Whether it still authenticates. */
    public boolean active() {
        return revokedAt.isEmpty();
    }
}
