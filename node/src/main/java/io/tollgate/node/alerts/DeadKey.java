package io.tollgate.node.alerts;

import java.time.Instant;
import java.util.Objects;

/**
 * A provider key the cluster marked dead (the provider refused it: 401, 403).
 *
 * @param provider the provider's name
 * @param keyName the key's name (never its value)
 * @param reason why it was marked
 * @param since when
 */
public record DeadKey(String provider, String keyName, String reason, Instant since) {
    public DeadKey {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(keyName, "keyName");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(since, "since");
    }
}
