package io.tollgate.cluster.ledger.hazelcast;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.tollgate.cluster.ledger.AccountState;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/** Second half of a move: puts detached counters into the target account (see {@link AccountState#attach}). */
final class AttachProcessor extends AccountProcessor<Void> {

    private AccountState moved;
    private Instant now;

    AttachProcessor() {
    }

    AttachProcessor(AccountState moved, Instant now) {
        this.moved = moved;
        this.now = now;
    }

    @Override
    public Void process(Map.Entry<String, AccountState> entry) {
        return change(entry, state -> {
            state.attach(moved, now);
            return null;
        });
    }

    @Override
    public int getClassId() {
        return LedgerGridTypes.ATTACH;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        moved.writeTo(out);
        Wire.writeInstant(out, now);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        moved = AccountState.readFrom(in);
        now = Wire.readInstant(in);
    }
}
