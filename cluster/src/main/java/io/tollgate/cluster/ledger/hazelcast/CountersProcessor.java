package io.tollgate.cluster.ledger.hazelcast;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.tollgate.cluster.ledger.AccountAnswer;
import io.tollgate.cluster.ledger.AccountState;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Reads an account's counters rolled to a time, changing nothing (see {@link AccountState#counters}). */
final class CountersProcessor extends AccountProcessor<ViewsReply> implements ReadOnly {

    private Instant now;

    CountersProcessor() {
    }

    CountersProcessor(Instant now) {
        this.now = now;
    }

    @Override
    public ViewsReply process(Map.Entry<String, AccountState> entry) {
        AccountState state = entry.getValue();
        return new ViewsReply(AccountAnswer.here(state == null ? List.of() : state.counters(now)));
    }

    @Override
    public EntryProcessor<String, AccountState, ViewsReply> getBackupProcessor() {
        return null;
    }

    @Override
    public int getClassId() {
        return LedgerGridTypes.COUNTERS;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        Wire.writeInstant(out, now);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        now = Wire.readInstant(in);
    }
}
