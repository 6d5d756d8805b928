package io.tollgate.node.testing;

import io.tollgate.cluster.alerts.AlertClaims;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Alert claims in one JVM's memory, for alert tests without a grid: each alert key is claimed once, forever. */
public final class MemoryAlertClaims implements AlertClaims {

    private final Map<String, Boolean> claims = new ConcurrentHashMap<>();
    private final Set<String> delivered = ConcurrentHashMap.newKeySet();

    @Override
    public boolean claim(String alertKey, Duration keep) {
        return claims.putIfAbsent(alertKey, Boolean.TRUE) == null;
    }

    @Override
    public void delivered(String alertKey) {
        delivered.add(alertKey);
    }

    @Override
    public boolean claimed(String alertKey) {
        return claims.containsKey(alertKey);
    }

    /** The keys of the alerts marked delivered so far. */
    public Set<String> delivered() {
        return Set.copyOf(delivered);
    }
}
