package io.tollgate.cluster.access;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One change in the audit log.
 *
 * @param id the row's number, increasing with every append (0 before it is stored)
 * @param at when the change was made
 * @param actorId the id of the token that made it ({@code bootstrap} for the configured admin token,
 *     {@code config} for changes that came with a node's configuration)
 * @param actorRole that token's role
 * @param actorName that token's name
 * @param clientAddress the address the request came from ({@code local} for configuration changes)
 * @param node the node that made the change
 * @param action what was done: {@code <entity>.<verb>}, for example {@code virtual_key.update}
 * @param entityType what kind of thing changed: customer, team, virtual_key, admin_token, cache, providers
 * @param entityId which one
 * @param before the thing before the change as JSON, secrets masked; empty for creations
 * @param after the thing after the change as JSON, secrets masked; empty for deletions
 */
public record AuditEntry(long id, Instant at, String actorId, String actorRole, String actorName,
                         String clientAddress, String node, String action, String entityType, String entityId,
                         Optional<String> before, Optional<String> after) {

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(actorRole, "actorRole");
        Objects.requireNonNull(actorName, "actorName");
        Objects.requireNonNull(clientAddress, "clientAddress");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }
}
