package io.tollgate.cluster.ledger.hazelcast;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tollgate.cluster.grid.GridSerialization;
import io.tollgate.cluster.ledger.AccountState;
import java.util.Map;
import java.util.function.Function;

/**
 * A step on one account, run on the member owning it (and replayed on its backup: every step takes its time as an
 * argument, so the replay is identical). Steps never throw on valid input: an exception thrown on a remote member
 * travels back with Java serialization, which a Helidon server's deserialization filter refuses.
 *
 * @param <R> what the step answers
 */
abstract class AccountProcessor<R> implements EntryProcessor<String, AccountState, R>, IdentifiedDataSerializable {

    @Override
    public final int getFactoryId() {
        return GridSerialization.FACTORY_ID;
    }

    /**
     * Runs one changing step on a copy of the account's state (a new empty one when it has none) and stores the
     * copy: if storing fails (the write-through to the database), the state the grid holds is unchanged.
     */
    static <T> T change(Map.Entry<String, AccountState> entry, Function<AccountState, T> step) {
        AccountState current = entry.getValue();
        AccountState state = current == null ? AccountState.create() : current.copy();
        T result = step.apply(state);
        store(entry, state);
        return result;
    }

    /** The account's state; a new empty one when it has none yet. */
    static AccountState stateOf(Map.Entry<String, AccountState> entry) {
        AccountState state = entry.getValue();
        return state == null ? AccountState.create() : state;
    }

    /** Stores the changed state; an empty state removes the entry (and an absent entry stays absent). */
    static void store(Map.Entry<String, AccountState> entry, AccountState state) {
        if (!state.isEmpty()) {
            entry.setValue(state);
        } else if (entry.getValue() != null) {
            entry.setValue(null);
        }
    }
}
