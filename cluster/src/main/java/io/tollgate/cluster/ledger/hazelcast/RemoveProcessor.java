package io.tollgate.cluster.ledger.hazelcast;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.tollgate.cluster.ledger.AccountState;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Forgets counters (see {@link AccountState#remove}). */
final class RemoveProcessor extends AccountProcessor<Void> {

    private List<String> counterIds;

    RemoveProcessor() {
    }

    RemoveProcessor(List<String> counterIds) {
        this.counterIds = counterIds;
    }

    @Override
    public Void process(Map.Entry<String, AccountState> entry) {
        return change(entry, state -> {
            state.remove(counterIds);
            return null;
        });
    }

    @Override
    public int getClassId() {
        return LedgerGridTypes.REMOVE;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        Wire.writeStrings(out, counterIds);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        counterIds = Wire.readStrings(in);
    }
}
