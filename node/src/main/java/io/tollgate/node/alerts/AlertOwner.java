package io.tollgate.node.alerts;

import io.tollgate.cluster.ledger.Level;
import java.util.Objects;

/**
 * One owner in an alert's owner chain: the customer, team, virtual key (or a key's provider config) the alert is
 * about, or one above it.
 *
 * @param level which kind of owner
 * @param id its id ({@code keyId/provider} for a provider config)
 * @param name its name, for people and for routes that name it
 */
public record AlertOwner(Level level, String id, String name) {
    public AlertOwner {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }

    /** {@code team 'search'}. */
    String label() {
        return level.apiName().replace('_', ' ') + " '" + name + "'";
    }
}
