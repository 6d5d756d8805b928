package io.tollgate.cluster.ledger.hazelcast;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.tollgate.cluster.ledger.AccountState;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** First half of a move: takes counters out of the source account (see {@link AccountState#detach}). */
final class DetachProcessor extends AccountProcessor<AccountState> {

    private List<String> counterIds;
    private String toAccountId;
    private Instant now;

    DetachProcessor() {
    }

    DetachProcessor(List<String> counterIds, String toAccountId, Instant now) {
        this.counterIds = counterIds;
        this.toAccountId = toAccountId;
        this.now = now;
    }

    @Override
    public AccountState process(Map.Entry<String, AccountState> entry) {
        return change(entry, state -> state.detach(counterIds, toAccountId, now));
    }

    @Override
    public int getClassId() {
        return LedgerGridTypes.DETACH;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        Wire.writeStrings(out, counterIds);
        out.writeUTF(toAccountId);
        Wire.writeInstant(out, now);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        counterIds = Wire.readStrings(in);
        toAccountId = in.readUTF();
        now = Wire.readInstant(in);
    }
}
