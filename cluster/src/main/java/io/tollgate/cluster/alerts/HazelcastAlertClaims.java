package io.tollgate.cluster.alerts;

import com.hazelcast.map.IMap;
import io.tollgate.cluster.grid.Grid;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Alert claims in a Hazelcast map ({@code tollgate.alerts.claims}): {@code putIfAbsent} runs on the key's owner, so
 * exactly one of any number of simultaneous claims wins; the entry's time to live is the claim's hold. Values are
 * strings (native serialization, nothing Java-serialized crosses members). A claim is not persisted: after a whole
 * cluster restart an alert may be sent again.
 */
public final class HazelcastAlertClaims implements AlertClaims {

    static final String MAP = "tollgate.alerts.claims";

    private final IMap<String, String> claims;
    private final String member;

    private HazelcastAlertClaims(IMap<String, String> claims, String member) {
        this.claims = claims;
        this.member = member;
    }

    /** Claims on this member's grid. */
    public static HazelcastAlertClaims create(Grid grid) {
        Objects.requireNonNull(grid, "grid");
        return new HazelcastAlertClaims(grid.instance().getMap(MAP),
                grid.instance().getCluster().getLocalMember().getUuid().toString());
    }

    @Override
    public boolean claim(String alertKey, Duration keep) {
        if (keep.isNegative() || keep.isZero()) {
            throw new IllegalArgumentException("keep must be positive, was " + keep);
        }
        long seconds = Math.max(1, keep.toSeconds());
        return claims.putIfAbsent(alertKey, "claimed-by:" + member, seconds, TimeUnit.SECONDS) == null;
    }

    @Override
    public void delivered(String alertKey) {
        var view = claims.getEntryView(alertKey);
        if (view != null) {
            long left = view.getExpirationTime() - System.currentTimeMillis();
            if (left > 0) {
                claims.replace(alertKey, view.getValue(), "delivered-by:" + member);
                claims.setTtl(alertKey, left, TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public boolean claimed(String alertKey) {
        return claims.containsKey(alertKey);
    }
}
