package io.tollgate.cluster.ledger.hazelcast;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.tollgate.cluster.ledger.AccountState;
import io.tollgate.cluster.ledger.LeaseRequest;
import java.io.IOException;
import java.util.Map;

/** One step of a node's lease on an account (see {@link AccountState#lease}). */
final class LeaseProcessor extends AccountProcessor<LeaseReply> {

    private LeaseRequest request;

    LeaseProcessor() {
    }

    LeaseProcessor(LeaseRequest request) {
        this.request = request;
    }

    @Override
    public LeaseReply process(Map.Entry<String, AccountState> entry) {
        return change(entry, state -> new LeaseReply(state.lease(request)));
    }

    @Override
    public int getClassId() {
        return LedgerGridTypes.LEASE;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        Wire.writeLease(out, request);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        request = Wire.readLease(in);
    }
}
