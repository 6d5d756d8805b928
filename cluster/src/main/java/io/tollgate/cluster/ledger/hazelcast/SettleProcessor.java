package io.tollgate.cluster.ledger.hazelcast;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.tollgate.cluster.ledger.AccountState;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/** Settles one request (see {@link AccountState#settle}). */
final class SettleProcessor extends AccountProcessor<ViewsReply> {

    private String requestId;
    private long costNanos;
    private long tokens;
    private Instant now;

    SettleProcessor() {
    }

    SettleProcessor(String requestId, long costNanos, long tokens, Instant now) {
        this.requestId = requestId;
        this.costNanos = costNanos;
        this.tokens = tokens;
        this.now = now;
    }

    @Override
    public ViewsReply process(Map.Entry<String, AccountState> entry) {
        AccountState state = stateOf(entry);
        ViewsReply reply = new ViewsReply(state.settle(requestId, costNanos, tokens, now));
        store(entry, state);
        return reply;
    }

    @Override
    public int getClassId() {
        return LedgerGridTypes.SETTLE;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeUTF(requestId);
        out.writeLong(costNanos);
        out.writeLong(tokens);
        Wire.writeInstant(out, now);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        requestId = in.readUTF();
        costNanos = in.readLong();
        tokens = in.readLong();
        now = Wire.readInstant(in);
    }
}
