package io.tollgate.cluster.governance;

import io.tollgate.config.Secret;
import java.util.Objects;

/**
 * A key just created or rotated, with its value: the only time the value is ever returned. Only the hash is
 * stored; a lost value cannot be recovered, only rotated.
 *
 * @param key the stored definition
 * @param value the value to hand to the key's holder once
 */
public record CreatedKey(VirtualKey key, Secret value) {

    public CreatedKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
