package io.tollgate.cluster.ledger.hazelcast;

import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tollgate.cluster.ledger.AccountState;

/**
 * The ledger's grid types and their fixed type ids in {@link io.tollgate.cluster.grid.GridSerialization}'s factory.
 * The ids are wire format: never reuse or renumber one; ids 1 to 99 belong to the ledger.
 */
public final class LedgerGridTypes {

    /** The first type id reserved for the ledger. */
    public static final int FIRST_ID = 1;
    /** The last type id reserved for the ledger. */
    public static final int LAST_ID = 99;

    /** {@link AccountState}: the map value. */
    public static final int ACCOUNT_STATE = AccountState.TYPE_ID;
    /** Admission processor. */
    public static final int ADMIT = 2;
    /** Extension processor. */
    public static final int EXTEND = 3;
    /** Settlement processor. */
    public static final int SETTLE = 4;
    /** Read-only counter listing processor. */
    public static final int COUNTERS = 5;
    /** Usage reset processor. */
    public static final int RESET = 6;
    /** First half of a move: takes counters out of an account. */
    public static final int DETACH = 7;
    /** Second half of a move: puts counters into an account. */
    public static final int ATTACH = 8;
    /** Counter removal processor. */
    public static final int REMOVE = 9;
    /** Expired reservation reclaim processor. */
    public static final int RECLAIM = 10;
    /** Reply carrying an admission or extension answer. */
    public static final int ADMISSION_REPLY = 11;
    /** Reply carrying counter views. */
    public static final int VIEWS_REPLY = 12;
    /** Lease step processor. */
    public static final int LEASE = 13;
    /** Reply carrying a lease grant. */
    public static final int LEASE_REPLY = 14;

    private LedgerGridTypes() {
    }

    /** True when {@code typeId} is in the ledger's range. */
    public static boolean owns(int typeId) {
        return typeId >= FIRST_ID && typeId <= LAST_ID;
    }

    /**
     * A blank instance of a ledger type, for Hazelcast to read into.
     *
     * @throws IllegalArgumentException for an id the ledger does not know
     */
    public static IdentifiedDataSerializable create(int typeId) {
        return switch (typeId) {
            case ACCOUNT_STATE -> AccountState.create();
            case ADMIT -> new AdmitProcessor();
            case EXTEND -> new ExtendProcessor();
            case SETTLE -> new SettleProcessor();
            case COUNTERS -> new CountersProcessor();
            case RESET -> new ResetProcessor();
            case DETACH -> new DetachProcessor();
            case ATTACH -> new AttachProcessor();
            case REMOVE -> new RemoveProcessor();
            case RECLAIM -> new ReclaimProcessor();
            case ADMISSION_REPLY -> new AdmissionReply();
            case VIEWS_REPLY -> new ViewsReply();
            case LEASE -> new LeaseProcessor();
            case LEASE_REPLY -> new LeaseReply();
            default -> throw new IllegalArgumentException("unknown ledger grid type id " + typeId);
        };
    }
}
