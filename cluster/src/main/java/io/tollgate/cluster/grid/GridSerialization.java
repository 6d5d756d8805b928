package io.tollgate.cluster.grid;

import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tollgate.cluster.ledger.hazelcast.LedgerGridTypes;

/**
 * The one {@link DataSerializableFactory} of Tollgate's grid types. Every entry processor and every map value
 * that is not a plain String is {@link IdentifiedDataSerializable} and listed here with a fixed type id, which is
 * part of the wire format: never reuse or renumber an id.
 *
 * <p>Id ranges: 1–99 the budget ledger ({@link LedgerGridTypes}: 1 account state, 2 admit, 3 extend, 4 settle,
 * 5 counters, 6 reset, 7 detach, 8 attach, 9 remove, 10 reclaim, 11 admission reply, 12 views reply, 13 lease,
 * 14 lease reply); 100–199 governance (100 {@code SyncDefinition}); 200–299 key health (200 {@code MergeKeyState},
 * 201 {@code ApplyKeyState}).
 */
public final class GridSerialization implements DataSerializableFactory {

    /** The factory id registered with Hazelcast. */
    public static final int FACTORY_ID = 7_100;

    @Override
    public IdentifiedDataSerializable create(int typeId) {
        if (LedgerGridTypes.owns(typeId)) {
            return LedgerGridTypes.create(typeId);
        }
        if (typeId == io.tollgate.cluster.governance.SyncDefinition.TYPE_ID) {
            return new io.tollgate.cluster.governance.SyncDefinition();
        }
        if (typeId == io.tollgate.cluster.health.MergeKeyState.TYPE_ID) {
            return new io.tollgate.cluster.health.MergeKeyState();
        }
        if (typeId == io.tollgate.cluster.health.ApplyKeyState.TYPE_ID) {
            return new io.tollgate.cluster.health.ApplyKeyState();
        }
        throw new IllegalArgumentException("unknown Tollgate grid type id " + typeId);
    }
}
