package io.tollgate.cluster.grid;

import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/**
 * The one {@link DataSerializableFactory} of Tollgate's grid types. Every entry processor and every map value
 * that is not a plain String is {@link IdentifiedDataSerializable} and listed here with a fixed type id, which is
 * part of the wire format: never reuse or renumber an id.
 */
public final class GridSerialization implements DataSerializableFactory {

    /** The factory id registered with Hazelcast. */
    public static final int FACTORY_ID = 7_100;

    @Override
    public IdentifiedDataSerializable create(int typeId) {
        // one case per registered type, e.g. case ReserveProcessor.TYPE_ID -> new ReserveProcessor();
        throw new IllegalArgumentException("unknown Tollgate grid type id " + typeId);
    }
}
