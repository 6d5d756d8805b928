package io.tollgate.cluster.ledger.hazelcast;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.tollgate.cluster.ledger.AccountAnswer;
import io.tollgate.cluster.ledger.AccountState;
import io.tollgate.cluster.ledger.AdmissionRequest;
import java.io.IOException;
import java.util.Map;

/** Admits one request on its account (see {@link AccountState#admit}). */
final class AdmitProcessor extends AccountProcessor<AdmissionReply> {

    private AdmissionRequest request;

    AdmitProcessor() {
    }

    AdmitProcessor(AdmissionRequest request) {
        this.request = request;
    }

    @Override
    public AdmissionReply process(Map.Entry<String, AccountState> entry) {
        return change(entry, state -> new AdmissionReply(AccountAnswer.here(state.admit(request))));
    }

    @Override
    public int getClassId() {
        return LedgerGridTypes.ADMIT;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        Wire.writeRequest(out, request);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        request = Wire.readRequest(in);
    }
}
