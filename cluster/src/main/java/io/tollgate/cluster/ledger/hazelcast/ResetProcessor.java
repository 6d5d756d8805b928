package io.tollgate.cluster.ledger.hazelcast;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.tollgate.cluster.ledger.AccountState;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Sets counters' usage to zero (see {@link AccountState#reset}). */
final class ResetProcessor extends AccountProcessor<Void> {

    private List<String> counterIds;
    private Instant now;

    ResetProcessor() {
    }

    ResetProcessor(List<String> counterIds, Instant now) {
        this.counterIds = counterIds;
        this.now = now;
    }

    @Override
    public Void process(Map.Entry<String, AccountState> entry) {
        return change(entry, state -> {
            state.reset(counterIds, now);
            return null;
        });
    }

    @Override
    public int getClassId() {
        return LedgerGridTypes.RESET;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        Wire.writeStrings(out, counterIds);
        Wire.writeInstant(out, now);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        counterIds = Wire.readStrings(in);
        now = Wire.readInstant(in);
    }
}
