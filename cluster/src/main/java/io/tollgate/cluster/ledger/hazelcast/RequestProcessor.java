package io.tollgate.cluster.ledger.hazelcast;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.time.Instant;

/**
 * A step on one request in flight, with an amount of nano-dollars and of tokens: an extension or a settlement.
 *
 * @param <R> what the step answers
 */
abstract class RequestProcessor<R> extends AccountProcessor<R> {

    String requestId;
    long nanos;
    long tokens;
    Instant now;

    RequestProcessor() {
    }

    RequestProcessor(String requestId, long nanos, long tokens, Instant now) {
        this.requestId = requestId;
        this.nanos = nanos;
        this.tokens = tokens;
        this.now = now;
    }

    @Override
    public final void writeData(ObjectDataOutput out) throws IOException {
        out.writeUTF(requestId);
        out.writeLong(nanos);
        out.writeLong(tokens);
        Wire.writeInstant(out, now);
    }

    @Override
    public final void readData(ObjectDataInput in) throws IOException {
        requestId = in.readUTF();
        nanos = in.readLong();
        tokens = in.readLong();
        now = Wire.readInstant(in);
    }
}
