package io.tollgate.cluster.alerts;

import com.hazelcast.map.IMap;
import io.tollgate.cluster.grid.Grid;
import io.tollgate.cluster.store.Codec;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Alert claims in a Hazelcast map ({@code tollgate.alerts.claims}): {@code putIfAbsent} runs on the key's owner, so
 * exactly one of any number of simultaneous claims wins. The map is persisted write-through in the state store (see
 * {@link #codec()}), so a claim survives a whole cluster restart and a delivered alert is not sent again. Each value
 * carries the member that claimed it, whether it was delivered, and the instant its hold ends: a held claim refuses;
 * a lapsed one, or one never delivered whose member has left the cluster (it died while sending), may be claimed
 * again, by a compare-and-set, so still by one caller; {@link #expire()} removes lapsed claims from the map and the
 * store. Values are strings (native serialization, nothing Java-serialized crosses members).
 */
public final class HazelcastAlertClaims implements AlertClaims {

    /** The grid map, and the name its rows are stored under. */
    public static final String MAP = "tollgate.alerts.claims";
    private static final String CLAIMED = "claimed";

    private final IMap<String, String> claims;
    private final String member;
    private final Clock clock;
    private final com.hazelcast.cluster.Cluster cluster;

    private HazelcastAlertClaims(IMap<String, String> claims, String member, Clock clock,
                                 com.hazelcast.cluster.Cluster cluster) {
        this.claims = claims;
        this.member = member;
        this.clock = clock;
        this.cluster = cluster;
    }

    /** Claims on this member's grid, held by the system clock. */
    public static HazelcastAlertClaims create(Grid grid) {
        return create(grid, Clock.systemUTC());
    }

    /** Claims on this member's grid; {@code clock} decides when a hold ends. */
    public static HazelcastAlertClaims create(Grid grid, Clock clock) {
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(clock, "clock");
        return new HazelcastAlertClaims(grid.instance().getMap(MAP),
                grid.instance().getCluster().getLocalMember().getUuid().toString(), clock, grid.instance().getCluster());
    }

    /** How claims are stored: the text form of a claim, versioned. */
    public static Codec<String> codec() {
        return new Codec<>() {
            @Override
            public String encode(String value) {
                Claim.parse(value);
                return value;
            }

            @Override
            public String decode(String text) {
                Claim.parse(text);
                return text;
            }
        };
    }

    @Override
    public boolean claim(String alertKey, Duration keep) {
        if (keep.isNegative() || keep.isZero()) {
            throw new IllegalArgumentException("keep must be positive, was " + keep);
        }
        long now = clock.millis();
        String mine = new Claim(CLAIMED, member, now + keep.toMillis()).text();
        String existing = claims.putIfAbsent(alertKey, mine);
        if (existing == null) {
            return true;
        }
        // a lapsed claim, or an undelivered one whose member is gone, may be taken again, by exactly one caller
        Claim held = Claim.parse(existing);
        boolean orphaned = CLAIMED.equals(held.state()) && !present(held.member());
        return (held.until() <= now || orphaned) && claims.replace(alertKey, existing, mine);
    }

    private boolean present(String memberId) {
        return cluster.getMembers().stream().anyMatch(m -> m.getUuid().toString().equals(memberId));
    }

    @Override
    public void delivered(String alertKey) {
        String existing = claims.get(alertKey);
        if (existing != null) {
            Claim claim = Claim.parse(existing);
            claims.replace(alertKey, existing, new Claim("delivered", member, claim.until()).text());
        }
    }

    @Override
    public boolean claimed(String alertKey) {
        String existing = claims.get(alertKey);
        return existing != null && Claim.parse(existing).until() > clock.millis();
    }

    /**
     * Removes the lapsed claims this member owns, from the map and the store (each member sweeps its own
     * partitions; call it on every member now and then, off the request path).
     *
     * @return how many were removed
     */
    public int expire() {
        long now = clock.millis();
        int removed = 0;
        for (String key : claims.localKeySet()) {
            String value = claims.get(key);
            if (value != null && Claim.parse(value).until() <= now && claims.remove(key, value)) {
                removed++;
            }
        }
        return removed;
    }

    /** A claim's stored form: {@code v1;<state>;<member>;<until epoch ms>}. */
    private record Claim(String state, String member, long until) {

        String text() {
            return "v1;" + state + ";" + member + ";" + until;
        }

        static Claim parse(String text) {
            String[] parts = text.split(";", -1);
            if (parts.length != 4 || !"v1".equals(parts[0])) {
                throw new IllegalArgumentException("not an alert claim of format v1: '" + text + "'");
            }
            try {
                return new Claim(parts[1], parts[2], Long.parseLong(parts[3]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an alert claim of format v1 (bad hold): '" + text + "'", e);
            }
        }
    }
}
