package io.tollgate.cluster.ledger.hazelcast;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.tollgate.cluster.ledger.AccountState;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/** Extends one reservation (see {@link AccountState#extend}). */
final class ExtendProcessor extends AccountProcessor<AdmissionReply> {

    private String requestId;
    private long moreNanos;
    private long moreTokens;
    private Instant now;

    ExtendProcessor() {
    }

    ExtendProcessor(String requestId, long moreNanos, long moreTokens, Instant now) {
        this.requestId = requestId;
        this.moreNanos = moreNanos;
        this.moreTokens = moreTokens;
        this.now = now;
    }

    @Override
    public AdmissionReply process(Map.Entry<String, AccountState> entry) {
        AccountState state = stateOf(entry);
        AdmissionReply reply = new AdmissionReply(state.extend(requestId, moreNanos, moreTokens, now));
        store(entry, state);
        return reply;
    }

    @Override
    public int getClassId() {
        return LedgerGridTypes.EXTEND;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeUTF(requestId);
        out.writeLong(moreNanos);
        out.writeLong(moreTokens);
        Wire.writeInstant(out, now);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        requestId = in.readUTF();
        moreNanos = in.readLong();
        moreTokens = in.readLong();
        now = Wire.readInstant(in);
    }
}
