package io.tollgate.cluster.governance;

import com.hazelcast.map.IMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Cluster-wide uniqueness: the map {@code tollgate.names} holds {@code customer:<name>}, {@code team:<name>},
 * {@code key:<name>} and {@code hash:<value hash>}, each mapped to the id that holds it. A claim is one
 * {@code putIfAbsent} on the entry's owner member, so of two nodes claiming the same name at once exactly one
 * wins. The map is derived from the definitions and rebuilt from them at start ({@link #restore}).
 */
final class Claims {

    static final String MAP_NAME = "tollgate.names";
    private static final int RESTORE_BATCH = 500;

    private final IMap<String, String> names;

    Claims(IMap<String, String> names) {
        this.names = names;
    }

    static String customer(String name) {
        return "customer:" + name;
    }

    static String team(String name) {
        return "team:" + name;
    }

    static String key(String name) {
        return "key:" + name;
    }

    static String hash(String valueHash) {
        return "hash:" + valueHash;
    }

    /**
     * Claims {@code claim} for {@code id}; true when this call took it, false when {@code id} held it already.
     *
     * @throws GovernanceException CONFLICT at {@code field} when another id holds it
     */
    boolean claim(String claim, String id, String field, String message) {
        String holder = names.putIfAbsent(claim, id);
        if (holder == null) {
            return true;
        }
        if (holder.equals(id)) {
            return false;
        }
        throw GovernanceException.conflict(field, message);
    }

    /** Gives up {@code claim} if {@code id} holds it. */
    void release(String claim, String id) {
        names.remove(claim, id);
    }

    /** The id holding {@code claim}, if any. */
    Optional<String> holder(String claim) {
        return Optional.ofNullable(names.get(claim));
    }

    /** Serializes seed application across the cluster (a map lock, released if its holder dies). */
    IMap<String, String> lockMap() {
        return names;
    }

    /** Adds the claims of existing definitions that the map lacks (after a full cluster restart). */
    void restore(Map<String, String> wanted) {
        List<String> keys = new ArrayList<>(wanted.keySet());
        for (int start = 0; start < keys.size(); start += RESTORE_BATCH) {
            Set<String> batch = new HashSet<>(keys.subList(start, Math.min(keys.size(), start + RESTORE_BATCH)));
            Set<String> present = names.getAll(batch).keySet();
            for (String claim : batch) {
                if (!present.contains(claim)) {
                    names.putIfAbsent(claim, wanted.get(claim));
                }
            }
        }
    }
}
