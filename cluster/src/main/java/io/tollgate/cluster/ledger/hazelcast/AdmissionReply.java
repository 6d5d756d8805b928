package io.tollgate.cluster.ledger.hazelcast;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tollgate.cluster.grid.GridSerialization;
import io.tollgate.cluster.ledger.AccountAnswer;
import io.tollgate.cluster.ledger.Admission;
import java.io.IOException;

/** An admission or extension answer travelling back from the account's owner. */
final class AdmissionReply implements IdentifiedDataSerializable {

    private AccountAnswer<Admission> answer;

    AdmissionReply() {
    }

    AdmissionReply(AccountAnswer<Admission> answer) {
        this.answer = answer;
    }

    AccountAnswer<Admission> answer() {
        return answer;
    }

    @Override
    public int getFactoryId() {
        return GridSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return LedgerGridTypes.ADMISSION_REPLY;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        Wire.writeAdmission(out, answer.answer());
        Wire.writeOptional(out, answer.forwardTo());
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        Admission admission = Wire.readAdmission(in);
        answer = new AccountAnswer<>(admission, Wire.readOptional(in));
    }
}
