package io.tollgate.cluster.tags;

import com.hazelcast.map.IMap;
import io.tollgate.cluster.grid.Grid;
import io.tollgate.cluster.store.Codec;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The distinct values of each tag name across the cluster, at most a bound per name: a Hazelcast map
 * ({@code tollgate.tags.values}) from the tag name to its values, one per line, changed only by compare-and-set, so
 * two nodes admitting the last free value at once cannot both win. Persisted write-through in the state store, so a
 * whole-cluster restart keeps the bound. A value this node has seen admitted is answered from memory: only a value
 * new to the node costs a grid round trip, and a name found full stays full (values are never removed). Values are
 * strings (native serialization). Thread-safe.
 */
public final class TagValues {

    /** The grid map, and the name its rows are stored under. */
    public static final String MAP = "tollgate.tags.values";

    /** What became of a value. */
    public enum Admission {
        /** It was among the name's values already. */
        KNOWN,
        /** It was added now. */
        ADDED,
        /** The name has its most values already; this one is not among them. */
        FULL
    }

    private final IMap<String, String> values;
    private final ConcurrentHashMap<String, Set<String>> known = new ConcurrentHashMap<>();
    private final Set<String> full = ConcurrentHashMap.newKeySet();

    private TagValues(IMap<String, String> values) {
        this.values = values;
    }

    /** The tag values on this member's grid. */
    public static TagValues create(Grid grid) {
        return new TagValues(Objects.requireNonNull(grid, "grid").instance().getMap(MAP));
    }

    /** How rows are stored: the values, one per line. */
    public static Codec<String> codec() {
        return new Codec<>() {
            @Override
            public String encode(String value) {
                return value;
            }

            @Override
            public String decode(String text) {
                return text;
            }
        };
    }

    /**
     * Admits a value of a tag name, unless the name already has {@code max} other values.
     *
     * @param value a value without line breaks
     */
    public Admission admit(String name, String value, int max) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a tag value must not contain line breaks");
        }
        Set<String> local = known.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet());
        if (local.contains(value)) {
            return Admission.KNOWN;
        }
        if (full.contains(name)) {
            return Admission.FULL;
        }
        while (true) {
            String current = values.get(name);
            java.util.List<String> present = current == null ? java.util.List.of() : current.lines().toList();
            local.addAll(present);
            if (present.contains(value)) {
                return Admission.KNOWN;
            }
            if (present.size() >= max) {
                full.add(name);
                return Admission.FULL;
            }
            boolean stored = current == null ? values.putIfAbsent(name, value) == null
                    : values.replace(name, current, current + "\n" + value);
            if (stored) {
                local.add(value);
                return Admission.ADDED;
            }
        }
    }

    /** Every value the name has taken, as the grid has them now. */
    public Set<String> values(String name) {
        String current = values.get(name);
        return current == null ? Set.of() : Set.copyOf(current.lines().toList());
    }
}
