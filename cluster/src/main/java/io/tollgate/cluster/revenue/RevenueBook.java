package io.tollgate.cluster.revenue;

import java.time.YearMonth;
import java.util.List;

/**
 * Revenue events and per-owner usage, in the state store's database (shared by the cluster's nodes). Thread-safe;
 * every method is a database call on the caller's thread and throws
 * {@link io.tollgate.cluster.store.StoreException} when the database fails.
 */
public interface RevenueBook {

    /** What recording an event did. */
    enum Recorded {
        /** Stored now. */
        NEW,
        /** The same event was stored before (a retry): nothing changed. */
        DUPLICATE,
        /** Another event was stored under this key: nothing changed. */
        CONFLICT
    }

    /** Records an event once per idempotency key. */
    Recorded record(RevenueEvent event);

    /** The events of a month, oldest first. */
    List<RevenueEvent> events(YearMonth period);

    /** What each customer or team (as asked) used in a month, for owners with any logged request. */
    List<OwnerUsage> usage(YearMonth period, OwnerKind kind);

    /** Which owner usage and revenue are grouped by. */
    enum OwnerKind {
        /** Customers. */
        CUSTOMER,
        /** Teams. */
        TEAM
    }
}
